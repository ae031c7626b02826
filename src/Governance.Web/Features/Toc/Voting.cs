using Governance.Features.Projects;
using Governance.Platform;
using Governance.Platform.Accounts;
using JasperFx.Events;
using Marten;
using Wolverine;

namespace Governance.Features.Toc;

/// <summary>A TOC member opens a binding vote on a motion. The electorate is the roster's voters at this moment.</summary>
public sealed record OpenVote(Motion Motion, VoteProfile? Profile = null) : ITocCommand;

/// <summary>The signed-in TOC member casts or changes their vote. The voter is never taken from the request.</summary>
public sealed record CastVote(Guid VoteId, Choice Choice) : ITocCommand;

/// <summary>A member of the electorate asks to discuss the motion in a meeting; two such requests end the vote.</summary>
public sealed record RequestMeeting(Guid VoteId) : ITocCommand;

/// <summary>Staff cancel a vote, with the reason.</summary>
public sealed record CancelVote(Guid VoteId, string Reason) : IStaffCommand;

/// <summary>Scheduled at the minimum open time and at the deadline; closes the vote if its outcome is settled.</summary>
public sealed record CloseVoteIfDecided(Guid VoteId);

public static class VoteRules
{
    public static VoteOpened Open(OpenVote command, Guid id, TocRoster? roster, Project? project, bool projectHasOpenVote, DateTimeOffset now,
        FreezeCalendar? freeze = null)
    {
        // Archiving votes last two weeks (process/archiving.md); every other motion a week unless its profile says otherwise.
        var profile = command.Profile ?? (command.Motion.Kind == MotionKind.Archive ? VoteProfile.Default with { Duration = TimeSpan.FromDays(14) } : VoteProfile.Default);
        if (profile.Threshold is <= 0 or > 1) throw new CommandRefused("The threshold must be above 0% and at most 100%.");
        if (profile.MinimumOpen > profile.Duration) throw new CommandRefused("The minimum open time cannot exceed the vote's duration.");
        if (string.IsNullOrWhiteSpace(command.Motion.Title)) throw new CommandRefused("Give the motion a title.");
        if (command.Motion.Kind != MotionKind.General)
        {
            if (project is null) throw new CommandRefused("A motion on a project needs the project.");
            ProjectMoves.EnsureReadyForVote(project, command.Motion.Kind, DateOnly.FromDateTime(now.UtcDateTime));
            if (projectHasOpenVote) throw new CommandRefused($"{project.Name} already has an open vote.");
        }
        var electorate = roster?.VotersOn(DateOnly.FromDateTime(now.UtcDateTime)).Select(s => s.PersonId).ToList() ?? [];
        if (electorate.Count == 0) throw new CommandRefused("No TOC member may vote today, so no vote can open.");
        FreezeCalendar.EnsureNotFrozen(freeze, now, "votes open");
        var closesAt = now + profile.Duration;
        return new VoteOpened(id, command.Motion with { Title = command.Motion.Title.Trim() }, profile, electorate, now, closesAt,
            Vote.DefinitionHashOf(command.Motion, profile, electorate, now, closesAt));
    }

    /// <summary>A cast (or change) and, when it settles the outcome, the close. Casting the same choice again records nothing.</summary>
    public static IReadOnlyList<object> Cast(Vote vote, TocRoster? roster, string voterId, Choice choice, DateTimeOffset now, FreezeCalendar? freeze = null)
    {
        EnsureOpen(vote, now);
        if (freeze?.At(now) is { } window)
            throw new CommandRefused($"Voting is paused for the freeze \"{window.Name}\" until {window.Ends:yyyy-MM-dd}; the deadline moves out by the time paused.");
        if (!vote.Electorate.Contains(voterId))
            throw new CommandRefused("You are not in this vote's electorate: it was fixed when the vote opened.");
        var seat = roster?.Seats.FirstOrDefault(s => s.PersonId == voterId);
        if (seat is null || !seat.SeatedOn(DateOnly.FromDateTime(now.UtcDateTime)) || seat.Suspended)
            throw new CommandRefused("You hold no voting TOC seat today, so you cannot vote.");

        if (vote.Ballots.TryGetValue(voterId, out var previous) && previous == choice) return [];
        var receipt = Vote.Receipt(vote.Id, voterId, choice, now, vote.LastReceipt);
        object cast = vote.Ballots.ContainsKey(voterId)
            ? new VoteChanged(vote.Id, voterId, previous, choice, now, receipt)
            : new VoteCast(vote.Id, voterId, choice, now, receipt);
        return [cast, .. Settle(After(vote, voterId, choice), now)];
    }

    public static IReadOnlyList<object> RequestMeeting(Vote vote, string memberId, DateTimeOffset now)
    {
        EnsureOpen(vote, now);
        if (!vote.Electorate.Contains(memberId)) throw new CommandRefused("Only members of this vote's electorate may ask for a meeting.");
        if (vote.MeetingRequests.Contains(memberId)) throw new CommandRefused("You already asked for a meeting on this motion.");
        var requested = new MeetingRequested(vote.Id, memberId, now);
        return vote.MeetingRequests.Count + 1 >= 2
            ? [requested, Closed(vote, VoteOutcome.EndedWithoutEffect, now, "Two TOC members asked for a meeting")]
            : [requested];
    }

    public static VoteClosed Cancel(Vote vote, string reason, DateTimeOffset now)
    {
        if (!vote.IsOpen) throw new CommandRefused("This vote is already closed.");
        if (string.IsNullOrWhiteSpace(reason)) throw new CommandRefused("Say why the vote is cancelled.");
        return Closed(vote, VoteOutcome.Cancelled, now, reason.Trim());
    }

    /// <summary>
    /// Closes a vote whose outcome is settled: passed after the minimum open time, unreachable, or past its deadline.
    /// A freeze pauses the vote: nothing closes inside one, and the deadline moves out by the time frozen.
    /// </summary>
    public static IReadOnlyList<object> Settle(Vote vote, DateTimeOffset now, FreezeCalendar? freeze = null)
    {
        if (!vote.IsOpen || freeze?.At(now) is not null) return [];
        if (freeze is not null && now >= vote.ClosesAt)
        {
            // Move the deadline until the extension covers every frozen moment between opening and the new deadline.
            var closesAt = vote.ClosesAt;
            while (freeze.FrozenBetween(vote.OpenedAt, closesAt) - vote.Paused - (closesAt - vote.ClosesAt) is var owed && owed > TimeSpan.Zero)
                closesAt += owed;
            if (now < closesAt)
                return [new VoteDeadlineExtended(vote.Id, closesAt, vote.Paused + (closesAt - vote.ClosesAt), "Paused by a freeze window")];
        }
        if (vote.Passes && now >= vote.OpenedAt + vote.Profile.MinimumOpen) return [Closed(vote, VoteOutcome.Passed, now, null)];
        if (vote.Unreachable) return [Closed(vote, VoteOutcome.Failed, now, "The threshold can no longer be reached")];
        if (now >= vote.ClosesAt) return [Closed(vote, vote.Passes ? VoteOutcome.Passed : VoteOutcome.Failed, now, "The deadline passed")];
        return [];
    }

    static void EnsureOpen(Vote vote, DateTimeOffset now)
    {
        if (!vote.IsOpen) throw new CommandRefused($"This vote is closed ({vote.Outcome}).");
        if (now >= vote.ClosesAt) throw new CommandRefused("This vote's deadline has passed.");
    }

    static VoteClosed Closed(Vote vote, VoteOutcome outcome, DateTimeOffset now, string? reason) =>
        new(vote.Id, outcome, vote.InFavour, vote.Against, vote.Abstain, vote.NotVoted, now, reason);

    static Vote After(Vote vote, string voterId, Choice choice) => new()
    {
        Id = vote.Id, Motion = vote.Motion, Profile = vote.Profile, Electorate = vote.Electorate, OpenedAt = vote.OpenedAt, ClosesAt = vote.ClosesAt, Paused = vote.Paused,
        Ballots = new Dictionary<string, Choice>(vote.Ballots) { [voterId] = choice }, MeetingRequests = vote.MeetingRequests,
    };
}

public static class VotingHandler
{
    public static async Task<Guid> Handle(OpenVote command, IDocumentSession session, IMessageBus bus, TimeProvider clock)
    {
        var roster = await session.LoadAsync<TocRoster>(TocRoster.StreamId);
        var project = command.Motion.ProjectId is { } projectId ? await session.LoadAsync<Project>(projectId) : null;
        var hasOpenVote = project is not null && await session.Query<Vote>().AnyAsync(v => v.Motion.ProjectId == project.Id && v.Outcome == null);
        var freeze = await session.LoadAsync<FreezeCalendar>(FreezeCalendar.StreamId);
        var id = Guid.CreateVersion7();
        var opened = VoteRules.Open(command, id, roster, project, hasOpenVote, clock.GetUtcNow(), freeze);
        session.Events.StartStream<Vote>(id, opened);
        await bus.ScheduleAsync(new CloseVoteIfDecided(id), opened.OpenedAt + opened.Profile.MinimumOpen);
        await bus.ScheduleAsync(new CloseVoteIfDecided(id), opened.ClosesAt);
        return id;
    }

    /// <summary>Returns the receipt of the counted vote (the existing one when the same choice is sent twice).</summary>
    public static async Task<string> Handle(CastVote command, Actor actor, IDocumentSession session, TimeProvider clock)
    {
        var stream = await FetchAsync(session, command.VoteId);
        var roster = await session.LoadAsync<TocRoster>(TocRoster.StreamId);
        var freeze = await session.LoadAsync<FreezeCalendar>(FreezeCalendar.StreamId);
        var events = VoteRules.Cast(stream.Aggregate!, roster, actor.Id, command.Choice, clock.GetUtcNow(), freeze);
        await AppendAsync(session, stream, events);
        return events.Select(e => e switch { VoteCast c => c.Receipt, VoteChanged c => c.Receipt, _ => null }).FirstOrDefault(r => r is not null)
               ?? stream.Aggregate!.LastReceipt;
    }

    public static async Task Handle(RequestMeeting command, Actor actor, IDocumentSession session, TimeProvider clock)
    {
        var stream = await FetchAsync(session, command.VoteId);
        await AppendAsync(session, stream, VoteRules.RequestMeeting(stream.Aggregate!, actor.Id, clock.GetUtcNow()));
    }

    public static async Task Handle(CancelVote command, IDocumentSession session, TimeProvider clock)
    {
        var stream = await FetchAsync(session, command.VoteId);
        await AppendAsync(session, stream, [VoteRules.Cancel(stream.Aggregate!, command.Reason, clock.GetUtcNow())]);
    }

    public static async Task Handle(CloseVoteIfDecided command, IDocumentSession session, IMessageBus bus, TimeProvider clock)
    {
        var stream = await FetchAsync(session, command.VoteId);
        var freeze = await session.LoadAsync<FreezeCalendar>(FreezeCalendar.StreamId);
        var now = clock.GetUtcNow();
        session.LastModifiedBy = "Scheduled vote check";
        var events = VoteRules.Settle(stream.Aggregate!, now, freeze);
        await AppendAsync(session, stream, events);
        // A paused vote is looked at again when its freeze ends, and an extended one at its new deadline.
        if (stream.Aggregate!.IsOpen && freeze?.At(now) is { } window) await bus.ScheduleAsync(new CloseVoteIfDecided(command.VoteId), window.Until);
        if (events.OfType<VoteDeadlineExtended>().SingleOrDefault() is { } extended) await bus.ScheduleAsync(new CloseVoteIfDecided(command.VoteId), extended.ClosesAt);
    }

    // One writer at a time per vote (a row lock on the stream): 50 simultaneous casts are counted one after another.
    static async Task<IEventStream<Vote>> FetchAsync(IDocumentSession session, Guid voteId)
    {
        var stream = await session.Events.FetchForExclusiveWriting<Vote>(voteId);
        return stream.Aggregate is null ? throw new CommandRefused("There is no such vote.") : stream;
    }

    /// <summary>
    /// A passed motion moves its project in the same transaction as the close: it cannot pass without moving, or
    /// move twice. A failed one on an application declines it. Either way the tally is the published reason.
    /// </summary>
    static async Task AppendAsync(IDocumentSession session, IEventStream<Vote> stream, IReadOnlyList<object> events)
    {
        stream.AppendMany(events);
        if (events.OfType<VoteClosed>().SingleOrDefault() is not { Outcome: VoteOutcome.Passed or VoteOutcome.Failed } closed) return;
        var motion = stream.Aggregate!.Motion;
        if (motion.ProjectId is not { } projectId) return;
        var project = await session.Events.FetchForWriting<Project>(projectId);
        var reason = $"TOC vote {closed.Outcome.ToString().ToLowerInvariant()}: {closed.InFavour} in favour, {closed.Against} against, "
                     + $"{closed.Abstain} abstaining, {closed.NotVoted} not voting ({stream.Aggregate!.Needed} in favour needed)";
        if (closed.Outcome == VoteOutcome.Failed)
        {
            if (ProjectMoves.FailureDeclines(motion.Kind)) project.AppendOne(new ApplicationDeclined(projectId, reason, closed.VoteId));
            return;
        }
        ProjectMoves.EnsureMotionFits(project.Aggregate!, motion.Kind);
        if (ProjectMoves.MoveFor(project.Aggregate!, motion.Kind, DateOnly.FromDateTime(closed.At.UtcDateTime), closed.VoteId, reason) is { } move)
            project.AppendOne(move);
    }
}
