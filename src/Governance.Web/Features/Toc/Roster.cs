using Governance.Platform;
using Governance.Platform.Accounts;
using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;

namespace Governance.Features.Toc;

public enum SelectedBy { GoverningBoard, EndUsers, Maintainers, Toc }

// The roster is one stream: seats are few and every change to them is read together.
public sealed record TocMemberSeated(Guid RosterId, string PersonId, string Name, SelectedBy SelectedBy, DateOnly TermStart, DateOnly TermEnd);
public sealed record TocMemberUnseated(Guid RosterId, string PersonId, DateOnly EffectiveDate, string Reason);
public sealed record TocVotingSuspended(Guid RosterId, string PersonId, string Reason);
public sealed record TocVotingReinstated(Guid RosterId, string PersonId);
public enum TocOffice { Chair, ViceChair }
public sealed record TocOfficerChosen(Guid RosterId, string PersonId, TocOffice Office);

public sealed class TocSeat
{
    public string PersonId { get; set; } = "";
    public string Name { get; set; } = "";
    public SelectedBy SelectedBy { get; set; }
    public DateOnly TermStart { get; set; }
    public DateOnly TermEnd { get; set; }
    public bool Suspended { get; set; }
    public TocOffice? Office { get; set; }

    public bool SeatedOn(DateOnly day) => TermStart <= day && day <= TermEnd;
}

/// <summary>The Technical Oversight Committee as it stands: who holds a seat, and who may vote.</summary>
public sealed class TocRoster
{
    public static readonly Guid StreamId = Guid.Parse("0190a000-0000-7000-8000-000000000c0c");

    public Guid Id { get; set; }
    public List<TocSeat> Seats { get; set; } = [];

    /// <summary>Seated on the day and not suspended: the people who may vote in a vote opened that day.</summary>
    public IReadOnlyList<TocSeat> VotersOn(DateOnly day) => Seats.Where(s => s.SeatedOn(day) && !s.Suspended).ToList();
}

public sealed partial class TocRosterProjection : SingleStreamProjection<TocRoster, Guid>
{
    public static TocRoster Create(TocMemberSeated e) => Apply(e, new TocRoster { Id = e.RosterId });

    public static TocRoster Apply(TocMemberSeated e, TocRoster roster)
    {
        roster.Seats.RemoveAll(s => s.PersonId == e.PersonId);
        roster.Seats.Add(new TocSeat { PersonId = e.PersonId, Name = e.Name, SelectedBy = e.SelectedBy, TermStart = e.TermStart, TermEnd = e.TermEnd });
        return roster;
    }

    public static TocRoster Apply(TocMemberUnseated e, TocRoster roster)
    {
        foreach (var seat in roster.Seats.Where(s => s.PersonId == e.PersonId)) seat.TermEnd = e.EffectiveDate.AddDays(-1);
        return roster;
    }

    /// <summary>One chair and one vice-chair: choosing a new one ends the previous holder's office.</summary>
    public static TocRoster Apply(TocOfficerChosen e, TocRoster roster)
    {
        foreach (var seat in roster.Seats)
            if (seat.PersonId == e.PersonId) seat.Office = e.Office;
            else if (seat.Office == e.Office) seat.Office = null;
        return roster;
    }

    public static TocRoster Apply(TocVotingSuspended e, TocRoster roster) => Suspend(roster, e.PersonId, true);
    public static TocRoster Apply(TocVotingReinstated e, TocRoster roster) => Suspend(roster, e.PersonId, false);

    static TocRoster Suspend(TocRoster roster, string personId, bool suspended)
    {
        foreach (var seat in roster.Seats.Where(s => s.PersonId == personId)) seat.Suspended = suspended;
        return roster;
    }
}

/// <summary>Staff seat a person on the TOC for a term (11 seats by default, two-year staggered terms).</summary>
public sealed record SeatTocMember(string PersonId, string Name, SelectedBy SelectedBy, DateOnly TermStart, DateOnly TermEnd) : IStaffCommand;

/// <summary>Staff end a seat early (resignation, removal): it stops voting at once, also in open pages.</summary>
public sealed record UnseatTocMember(string PersonId, DateOnly EffectiveDate, string Reason) : IStaffCommand;

/// <summary>Staff suspend a member's vote (three missed meetings) or reinstate it.</summary>
public sealed record SuspendTocVoting(string PersonId, bool Suspended, string? Reason) : IStaffCommand;

/// <summary>Staff record the TOC's choice of its chair or vice-chair.</summary>
public sealed record ChooseTocOfficer(string PersonId, TocOffice Office) : IStaffCommand;

public static class TocRosterHandler
{
    public const int Seats = 11;

    public static TocMemberSeated Decide(TocRoster? roster, SeatTocMember command)
    {
        if (string.IsNullOrWhiteSpace(command.PersonId) || string.IsNullOrWhiteSpace(command.Name)) throw new CommandRefused("Name the person to seat.");
        if (command.TermEnd <= command.TermStart) throw new CommandRefused("The term must end after it starts.");
        if (command.TermEnd > command.TermStart.AddYears(2)) throw new CommandRefused("A TOC term lasts at most two years.");
        var overlapping = roster?.Seats.Count(s => s.PersonId != command.PersonId && s.TermStart <= command.TermEnd && command.TermStart <= s.TermEnd) ?? 0;
        if (overlapping >= Seats) throw new CommandRefused($"All {Seats} seats are taken for part of that term.");
        return new TocMemberSeated(TocRoster.StreamId, command.PersonId.Trim(), command.Name.Trim(), command.SelectedBy, command.TermStart, command.TermEnd);
    }

    public static TocMemberUnseated Decide(TocRoster? roster, UnseatTocMember command)
    {
        if (roster?.Seats.Any(s => s.PersonId == command.PersonId && s.SeatedOn(command.EffectiveDate)) != true)
            throw new CommandRefused("That person holds no seat on that date.");
        if (string.IsNullOrWhiteSpace(command.Reason)) throw new CommandRefused("Say why the seat ends.");
        return new TocMemberUnseated(TocRoster.StreamId, command.PersonId, command.EffectiveDate, command.Reason.Trim());
    }

    public static object Decide(TocRoster? roster, SuspendTocVoting command)
    {
        var seat = roster?.Seats.FirstOrDefault(s => s.PersonId == command.PersonId) ?? throw new CommandRefused("That person holds no seat.");
        if (seat.Suspended == command.Suspended) throw new CommandRefused(command.Suspended ? "Already suspended." : "Not suspended.");
        if (command.Suspended && string.IsNullOrWhiteSpace(command.Reason)) throw new CommandRefused("Say why the vote is suspended.");
        return command.Suspended
            ? new TocVotingSuspended(TocRoster.StreamId, command.PersonId, command.Reason!.Trim())
            : new TocVotingReinstated(TocRoster.StreamId, command.PersonId);
    }

    public static TocOfficerChosen Decide(TocRoster? roster, ChooseTocOfficer command, DateOnly today)
    {
        var seat = roster?.Seats.FirstOrDefault(s => s.PersonId == command.PersonId && s.SeatedOn(today))
                   ?? throw new CommandRefused("Only a seated TOC member can be chair or vice-chair.");
        if (seat.Office == command.Office) throw new CommandRefused($"{seat.Name} is already {command.Office}.");
        return new TocOfficerChosen(TocRoster.StreamId, seat.PersonId, command.Office);
    }

    public static async Task Handle(ChooseTocOfficer command, IDocumentSession session, TimeProvider clock) =>
        await AppendAsync(session, roster => Decide(roster, command, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)));
    public static async Task Handle(SeatTocMember command, IDocumentSession session) => await AppendAsync(session, roster => Decide(roster, command));
    public static async Task Handle(UnseatTocMember command, IDocumentSession session) => await AppendAsync(session, roster => Decide(roster, command));
    public static async Task Handle(SuspendTocVoting command, IDocumentSession session) => await AppendAsync(session, roster => Decide(roster, command));

    static async Task AppendAsync(IDocumentSession session, Func<TocRoster?, object> decide)
    {
        var stream = await session.Events.FetchForWriting<TocRoster>(TocRoster.StreamId);
        stream.AppendOne(decide(stream.Aggregate));
    }
}
