using System.Security.Claims;
using Governance.Features.Audit;
using Governance.Features.Membership;
using Governance.Features.Publishing;
using Governance.Platform.Accounts;
using Wolverine;

namespace Governance.Platform;

/// <summary>The HTTP API: each feature maps its own endpoints under /api.</summary>
public static class Api
{
    public static void MapGovernanceApi(this WebApplication app)
    {
        app.MapMembershipApi();
        app.MapPublicApi();
        app.MapAuditApi();
    }

    /// <summary>
    /// Sends a command as the signed-in caller and answers with <paramref name="success"/>, or with a ProblemDetails:
    /// 400 for a broken rule, 403 when the caller may not send it.
    /// </summary>
    public static async Task<IResult> SendAsync<T>(IMessageBus bus, ClaimsPrincipal user, object command, Func<T, IResult> success)
    {
        try
        {
            return success(await bus.InvokeAsAsync<T>(user, command));
        }
        catch (CommandRefused refused)
        {
            return Results.Problem(refused.Message, statusCode: StatusCodes.Status400BadRequest, title: "The command was refused");
        }
        catch (NotAuthorized denied)
        {
            return Results.Problem(denied.Message, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
        }
    }
}
