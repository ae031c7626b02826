using Governance.Platform;
using Governance.Platform.Accounts;
using Marten;
using Marten.Events.Aggregation;

namespace Governance.Features.Toc;

// The freeze calendar is one stream: windows are few (two a year) and read together by every TOC rule.
public sealed record FreezeWindowScheduled(Guid CalendarId, Guid WindowId, string Name, DateOnly Starts, DateOnly Ends);
public sealed record FreezeWindowCancelled(Guid CalendarId, Guid WindowId, string Reason);

public sealed record FreezeWindow(Guid Id, string Name, DateOnly Starts, DateOnly Ends)
{
    public DateTimeOffset From => new(Starts.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
    public DateTimeOffset Until => new(Ends.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}

/// <summary>
/// Freeze windows (e.g. the 4 weeks before each KubeCon): no new sponsorships, comment periods or votes open,
/// and open votes pause, their deadlines moving out by the time frozen.
/// </summary>
public sealed class FreezeCalendar
{
    public static readonly Guid StreamId = Guid.Parse("0190a000-0000-7000-8000-00000000f0f0");

    public Guid Id { get; set; }
    public List<FreezeWindow> Windows { get; set; } = [];

    public FreezeWindow? At(DateTimeOffset moment) => Windows.FirstOrDefault(w => w.From <= moment && moment < w.Until);

    /// <summary>How much of [from, to) falls inside freeze windows.</summary>
    public TimeSpan FrozenBetween(DateTimeOffset from, DateTimeOffset to) =>
        Windows.Aggregate(TimeSpan.Zero, (total, w) =>
            total + (Max(from, w.From) < Min(to, w.Until) ? Min(to, w.Until) - Max(from, w.From) : TimeSpan.Zero));

    /// <summary>Refuses <paramref name="what"/> when <paramref name="moment"/> falls in a freeze.</summary>
    public static void EnsureNotFrozen(FreezeCalendar? calendar, DateTimeOffset moment, string what)
    {
        if (calendar?.At(moment) is { } window)
            throw new CommandRefused($"No {what} during the freeze \"{window.Name}\" ({window.Starts:yyyy-MM-dd} to {window.Ends:yyyy-MM-dd}).");
    }

    static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
    static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}

public sealed partial class FreezeCalendarProjection : SingleStreamProjection<FreezeCalendar, Guid>
{
    public static FreezeCalendar Create(FreezeWindowScheduled e) => Apply(e, new FreezeCalendar { Id = e.CalendarId });

    public static FreezeCalendar Apply(FreezeWindowScheduled e, FreezeCalendar calendar)
    {
        calendar.Windows.Add(new FreezeWindow(e.WindowId, e.Name, e.Starts, e.Ends));
        calendar.Windows.Sort((a, b) => a.Starts.CompareTo(b.Starts));
        return calendar;
    }

    public static FreezeCalendar Apply(FreezeWindowCancelled e, FreezeCalendar calendar)
    {
        calendar.Windows.RemoveAll(w => w.Id == e.WindowId);
        return calendar;
    }
}

/// <summary>Staff schedule a freeze window, with its name (e.g. "KubeCon Europe 2027").</summary>
public sealed record ScheduleFreezeWindow(string Name, DateOnly Starts, DateOnly Ends) : IStaffCommand;

/// <summary>Staff cancel a freeze window that has not ended, with the reason.</summary>
public sealed record CancelFreezeWindow(Guid WindowId, string Reason) : IStaffCommand;

public static class FreezeCalendarHandler
{
    public static FreezeWindowScheduled Decide(FreezeCalendar? calendar, ScheduleFreezeWindow command, DateOnly today)
    {
        var name = command.Name?.Trim() is { Length: > 0 } n ? n : throw new CommandRefused("Name the freeze window.");
        if (command.Ends < command.Starts) throw new CommandRefused("The freeze must end on or after its first day.");
        if (command.Ends < today) throw new CommandRefused("That freeze window is already over.");
        if (calendar?.Windows.FirstOrDefault(w => w.Starts <= command.Ends && command.Starts <= w.Ends) is { } overlap)
            throw new CommandRefused($"It overlaps the freeze \"{overlap.Name}\"; change that one instead.");
        return new FreezeWindowScheduled(FreezeCalendar.StreamId, Guid.CreateVersion7(), name, command.Starts, command.Ends);
    }

    public static FreezeWindowCancelled Decide(FreezeCalendar? calendar, CancelFreezeWindow command, DateOnly today)
    {
        var window = calendar?.Windows.FirstOrDefault(w => w.Id == command.WindowId) ?? throw new CommandRefused("There is no such freeze window.");
        if (window.Ends < today) throw new CommandRefused("That freeze window is over; it stays on record.");
        return new FreezeWindowCancelled(FreezeCalendar.StreamId, window.Id, CommandRefused.Required(command.Reason, "why the freeze is cancelled"));
    }

    public static Task Handle(ScheduleFreezeWindow command, IDocumentSession session, TimeProvider clock) =>
        AppendAsync(session, calendar => Decide(calendar, command, Today(clock)));

    public static Task Handle(CancelFreezeWindow command, IDocumentSession session, TimeProvider clock) =>
        AppendAsync(session, calendar => Decide(calendar, command, Today(clock)));

    static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    static async Task AppendAsync(IDocumentSession session, Func<FreezeCalendar?, object> decide)
    {
        var stream = await session.Events.FetchForWriting<FreezeCalendar>(FreezeCalendar.StreamId);
        stream.AppendOne(decide(stream.Aggregate));
    }
}
