using System.Security.Claims;
using Governance.Platform;
using Governance.Platform.Accounts;
using Marten;
using Wolverine;

namespace Governance.Features.Membership;

public static class MembershipApi
{
    public static void MapMembershipApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/membership").RequireAuthorization(Roles.Staff).WithTags("Membership");

        api.MapPost("/joins", (RecordJoin command, IMessageBus bus, ClaimsPrincipal user) =>
                Api.SendAsync<Guid>(bus, user, command, id => Results.Created($"/api/membership/members/{id}", new { id })))
            .WithSummary("Record that an organization joins at a class on an effective date");

        api.MapGet("/members", (IQuerySession session, CancellationToken cancellation) =>
                session.Query<Organization>().OrderBy(row => row.Name).ToListAsync(cancellation))
            .WithSummary("The member directory");

        api.MapGet("/members/{id:guid}", async (Guid id, IQuerySession session, CancellationToken cancellation) =>
                await session.LoadAsync<Organization>(id, cancellation) is { } row ? Results.Ok(row) : Results.NotFound())
            .WithSummary("One organization's directory entry");

        api.MapGet("/counts", async (IQuerySession session, MembershipRules rules, CancellationToken cancellation) =>
                (await session.CountByClassAsync(rules, cancellation)).Select(c => new { c.MemberClass, c.Count }))
            .WithSummary("Current members per class");
    }
}
