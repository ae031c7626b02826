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
                Api.SendAsync<Guid>(bus, user, command, id => Results.Created($"/api/membership/organizations/{id}", new { id })))
            .WithSummary("Record that a new organization joins at a class on an effective date");

        MapChange<ChangeTier>(api, "tier", "Upgrade or downgrade a member's class");
        MapChange<RenewMembership>(api, "renewals", "Renew a membership (continues the term, or starts a new one after a lapse)");
        MapChange<RecordDeparture>(api, "departures", "Record that a member leaves, with the reason");
        MapChange<RecordRejoin>(api, "rejoins", "Record that an organization that left or lapsed joins again");
        MapChange<ChangeOrganizationDetails>(api, "details", "Change an organization's name, website, country, logo or end-user flag");
        MapChange<ChangeContacts>(api, "contacts", "Change an organization's primary, billing and board contacts");
        MapChange<OverrideStatus>(api, "status-override", "Show a status by hand until a date, with the reason");
        MapChange<CorrectMembershipDate>(api, "date-corrections", "Correct the effective date of a join, rejoin, tier change, renewal or departure (staff, with the reason); the original entry stays");

        api.MapGet("/organizations", async ([AsParameters] DirectoryQuery query, TimeProvider clock, IQuerySession session, CancellationToken cancellation) =>
                await query.PageAsync(session, OrganizationStream.Today(clock), cancellation))
            .WithSummary("The directory: search, filter by class and status, sort, page");

        api.MapGet("/organizations/{id:guid}", async (Guid id, IQuerySession session, CancellationToken cancellation) =>
                await session.LoadAsync<Organization>(id, cancellation) is { } organization ? Results.Ok(organization) : Results.NotFound())
            .WithSummary("One organization with its current membership");

        api.MapGet("/organizations/{id:guid}/as-recorded", async (Guid id, DateTimeOffset on, IQuerySession session, CancellationToken cancellation) =>
                await session.Events.AggregateStreamAsync<Organization>(id, timestamp: on, token: cancellation) is { } organization ? Results.Ok(organization) : Results.NotFound())
            .WithSummary("The organization as the records said at a past recorded time (on=ISO 8601): a later correction or change does not show");

        api.MapGet("/organizations/{id:guid}/as-of", async (Guid id, DateOnly on, IQuerySession session, CancellationToken cancellation) =>
                await MembershipAsOf.OrganizationOnAsync(session, id, on, cancellation) is { } organization ? Results.Ok(organization) : Results.NotFound())
            .WithSummary("The organization's membership as it stood on a day (on=YYYY-MM-DD), by effective date, corrections applied");

        api.MapGet("/organizations/{id:guid}/history", async (Guid id, IQuerySession session, CancellationToken cancellation) =>
                await session.TimelineAsync(id, cancellation))
            .WithSummary("Every event of one organization, newest first");

        api.MapGet("/board-seats", async (DateOnly? asOf, TimeProvider clock, IQuerySession session, CancellationToken cancellation) =>
            {
                var counts = await MembershipAsOf.CountsOnAsync(session, asOf ?? OrganizationStream.Today(clock), cancellation);
                return new { Members = counts, Seats = BoardSeats.For(counts) };
            })
            .WithSummary("Members per class and the Governing Board seats they are entitled to, as of a date (by effective dates)");

        api.MapGet("/quarters", async (IQuerySession session, CancellationToken cancellation) =>
                MembershipHistory.ByQuarter(await session.Query<MembershipMovement>().ToListAsync(cancellation))
                    .Select(q => new { q.Quarter, q.Joins, q.Upgrades, q.Downgrades, q.Departures }))
            .WithSummary("Joins, upgrades, downgrades and departures per quarter, newest first");

        api.MapMembershipCsv();

        api.MapGet("/counts", async (IQuerySession session, MembershipRules rules, CancellationToken cancellation) =>
                (await session.CountByClassAsync(rules, cancellation)).Select(c => new { c.MemberClass, c.Count }))
            .WithSummary("Current members per class");
    }

    static void MapChange<T>(RouteGroupBuilder api, string path, string summary) where T : IOrganizationCommand =>
        api.MapChange<T>("/organizations", path, summary, command => command.OrganizationId, "organization");
}
