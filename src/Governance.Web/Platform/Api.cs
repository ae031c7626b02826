using System.Security.Claims;
using Governance.Features.Audit;
using Governance.Features.Landscape;
using Governance.Features.Membership;
using Governance.Features.Projects;
using Governance.Features.Providers;
using Governance.Features.Publishing;
using Governance.Features.Toc;
using Governance.Platform.Accounts;
using JasperFx;
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
        app.MapTocApi();
        app.MapProjectsApi();
        app.MapLandscapeApi();
        app.MapWebhooksApi();
        app.MapProvidersApi();
    }

    /// <summary>
    /// Sends a command as the signed-in caller and answers with <paramref name="success"/>, or with a ProblemDetails:
    /// 400 for a broken rule, 403 when the caller may not send it, 409 when a concurrent edit won.
    /// </summary>
    public static Task<IResult> SendAsync<T>(IMessageBus bus, ClaimsPrincipal user, object command, Func<T, IResult> success) =>
        Answer(async () => success(await bus.InvokeAsAsync<T>(user, command)));

    /// <inheritdoc cref="SendAsync{T}"/>
    public static Task<IResult> SendAsync(IMessageBus bus, ClaimsPrincipal user, object command, Func<IResult> success) =>
        Answer(async () =>
        {
            await bus.InvokeAsAsync(user, command);
            return success();
        });

    /// <summary>
    /// Maps POST {prefix}/{id}/{path} for a command on one record: the record in the address must be the one in the
    /// body, then the command is sent as the caller.
    /// </summary>
    public static void MapChange<T>(this RouteGroupBuilder group, string prefix, string path, string summary, Func<T, Guid> recordOf, string record) where T : notnull =>
        group.MapPost($"{prefix}/{{id:guid}}/{path}", (Guid id, T command, IMessageBus bus, ClaimsPrincipal user) => recordOf(command) == id
                ? SendAsync(bus, user, command, Results.NoContent)
                : Task.FromResult(Results.Problem($"The {record} in the address and in the body differ.", statusCode: StatusCodes.Status400BadRequest)))
            .WithSummary(summary);

    static async Task<IResult> Answer(Func<Task<IResult>> send)
    {
        try
        {
            return await send();
        }
        catch (CommandRefused refused)
        {
            return Results.Problem(refused.Message, statusCode: StatusCodes.Status400BadRequest, title: "The command was refused");
        }
        catch (NotAuthorized denied)
        {
            return Results.Problem(denied.Message, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
        }
        catch (ConcurrencyException)
        {
            return Results.Problem(ConcurrentEdit, statusCode: StatusCodes.Status409Conflict, title: "Changed by someone else");
        }
    }

    /// <summary>What a person is told when someone else's change committed between their check and their commit.</summary>
    public const string ConcurrentEdit = "Someone else changed this record at the same moment; nothing was recorded. Reload and try again.";
}
