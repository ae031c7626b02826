using System.Security.Claims;
using Governance.Features.Projects;
using Governance.Platform;
using Governance.Platform.Accounts;
using Marten;
using Wolverine;

namespace Governance.Features.Toc;

public static class TocApi
{
    public static void MapTocApi(this WebApplication app)
    {
        var toc = app.MapGroup("/api/toc").RequireAuthorization(Roles.Toc).WithTags("TOC");
        toc.MapPost("/votes", (OpenVote command, IMessageBus bus, ClaimsPrincipal user) =>
                Api.SendAsync<Guid>(bus, user, command, id => Results.Created($"/api/toc/votes/{id}", new { id })))
            .WithSummary("Open a binding vote on a motion");
        toc.MapPost("/votes/{id:guid}/ballot", (Guid id, BallotRequest ballot, IMessageBus bus, ClaimsPrincipal user) =>
                Api.SendAsync<string>(bus, user, new CastVote(id, ballot.Choice), receipt => Results.Ok(new { receipt })))
            .WithSummary("Cast or change your vote; answers with the receipt");
        toc.MapPost("/votes/{id:guid}/meeting-request", (Guid id, IMessageBus bus, ClaimsPrincipal user) =>
                Api.SendAsync(bus, user, new RequestMeeting(id), Results.NoContent))
            .WithSummary("Ask for a meeting on the motion; two requests end the vote without effect");
        toc.MapGet("/votes", async (bool? open, IQuerySession session, CancellationToken cancellation) =>
                await session.Query<Vote>().Where(v => open != true || v.Outcome == null).OrderByDescending(v => v.OpenedAt).ToListAsync(cancellation))
            .WithSummary("Votes with their tallies, newest first");
        toc.MapGet("/votes/{id:guid}", async (Guid id, IQuerySession session, CancellationToken cancellation) =>
                await session.LoadAsync<Vote>(id, cancellation) is { } vote ? Results.Ok(vote) : Results.NotFound())
            .WithSummary("One vote with every counted ballot");
        toc.MapGet("/votes/{id:guid}/audit", async (Guid id, IQuerySession session, CancellationToken cancellation) =>
                (await session.Events.FetchStreamAsync(id, token: cancellation)).Select(e => new { e.Version, Type = e.EventTypeName, e.Data, e.Timestamp, e.UserName }))
            .WithSummary("Every event of a vote: its opening, each cast and change, and its close");
        toc.MapGet("/roster", async (IQuerySession session, CancellationToken cancellation) =>
                await session.LoadAsync<TocRoster>(TocRoster.StreamId, cancellation))
            .WithSummary("The TOC's seats");

        var staff = app.MapGroup("/api/toc").RequireAuthorization(Roles.Staff).WithTags("TOC");
        staff.MapPost("/roster/seats", (SeatTocMember command, IMessageBus bus, ClaimsPrincipal user) => Api.SendAsync(bus, user, command, Results.NoContent))
            .WithSummary("Seat a person on the TOC for a term");
        staff.MapPost("/roster/departures", (UnseatTocMember command, IMessageBus bus, ClaimsPrincipal user) => Api.SendAsync(bus, user, command, Results.NoContent))
            .WithSummary("End a seat early; it stops voting at once");
        staff.MapPost("/roster/officers", (ChooseTocOfficer command, IMessageBus bus, ClaimsPrincipal user) => Api.SendAsync(bus, user, command, Results.NoContent))
            .WithSummary("Record the TOC's chair or vice-chair");
        staff.MapPost("/roster/suspensions", (SuspendTocVoting command, IMessageBus bus, ClaimsPrincipal user) => Api.SendAsync(bus, user, command, Results.NoContent))
            .WithSummary("Suspend or reinstate a member's vote");
        staff.MapPost("/votes/{id:guid}/cancellation", (Guid id, CancellationRequest request, IMessageBus bus, ClaimsPrincipal user) =>
                Api.SendAsync(bus, user, new CancelVote(id, request.Reason), Results.NoContent))
            .WithSummary("Cancel a vote, with the reason");

        toc.MapGet("/freeze-windows", async (IQuerySession session, CancellationToken cancellation) =>
                (await session.LoadAsync<FreezeCalendar>(FreezeCalendar.StreamId, cancellation))?.Windows ?? [])
            .WithSummary("Freeze windows: no sponsorships, comment periods or votes open; open votes pause");
        staff.MapPost("/freeze-windows", (ScheduleFreezeWindow command, IMessageBus bus, ClaimsPrincipal user) => Api.SendAsync(bus, user, command, Results.NoContent))
            .WithSummary("Schedule a freeze window");
        staff.MapPost("/freeze-windows/{id:guid}/cancellation", (Guid id, CancellationRequest request, IMessageBus bus, ClaimsPrincipal user) =>
                Api.SendAsync(bus, user, new CancelFreezeWindow(id, request.Reason), Results.NoContent))
            .WithSummary("Cancel a freeze window that has not ended, with the reason");
    }

    public sealed record BallotRequest(Choice Choice);
    public sealed record CancellationRequest(string Reason);
}
