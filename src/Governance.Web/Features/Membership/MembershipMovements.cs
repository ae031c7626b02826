using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Marten.Patching;

namespace Governance.Features.Membership;

public enum MovementKind { Joined, Rejoined, Upgraded, Downgraded, Renewed, Lapsed, Left }

/// <summary>One membership fact, flattened for reporting: what moved, from and to which class, on which effective date.</summary>
public sealed class MembershipMovement
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public MovementKind Kind { get; set; }
    /// <summary>The class a membership is in after this movement (null when it ended).</summary>
    public string? ToClass { get; set; }
    /// <summary>The class it was in before (null when it began).</summary>
    public string? FromClass { get; set; }
    public DateOnly EffectiveDate { get; set; }
    /// <summary>Orders movements of the same day as they were recorded.</summary>
    public long Sequence { get; set; }
    /// <summary>The term a join, rejoin or renewal began (null for other movements).</summary>
    public DateOnly? TermStart { get; set; }
    public DateOnly? TermEnd { get; set; }
}

/// <summary>Async: the dashboard's history and "as of" counts read these rows, never the streams.</summary>
public sealed partial class MembershipMovementProjection : EventProjection
{
    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        if (MovementOf(e) is { } movement) operations.Store(movement);
        // A corrected date moves the movement it corrects; the original event itself is never touched.
        if (e.Data is MembershipDateCorrected c) operations.Patch<MembershipMovement>(c.CorrectedEventId).Set(m => m.EffectiveDate, c.EffectiveDate);
        return ValueTask.CompletedTask;
    }

    /// <summary>The movement a membership event makes, if it makes one.</summary>
    public static MembershipMovement? MovementOf(IEvent e)
    {
        MembershipMovement Movement(MovementKind kind, string? from, string? to, DateOnly on, DateOnly? termStart = null, DateOnly? termEnd = null) =>
            new() { Id = e.Id, OrganizationId = e.StreamId, Kind = kind, FromClass = from, ToClass = to, EffectiveDate = on, Sequence = e.Sequence, TermStart = termStart, TermEnd = termEnd };

        return e.Data switch
        {
            MemberJoined j => Movement(MovementKind.Joined, null, j.MemberClass, j.EffectiveDate, j.EffectiveDate, j.TermEnd),
            MemberRejoined r => Movement(MovementKind.Rejoined, null, r.MemberClass, r.EffectiveDate, r.EffectiveDate, r.TermEnd),
            TierChanged t => Movement(t.Direction == TierDirection.Upgrade ? MovementKind.Upgraded : MovementKind.Downgraded, t.FromClass, t.ToClass, t.EffectiveDate),
            MembershipRenewed r => Movement(MovementKind.Renewed, r.AfterLapse ? null : r.MemberClass, r.MemberClass, r.EffectiveDate, r.TermStart, r.TermEnd),
            MembershipLapsed l => Movement(MovementKind.Lapsed, l.MemberClass, null, l.EffectiveDate),
            MemberLeft l => Movement(MovementKind.Left, l.MemberClass, null, l.EffectiveDate),
            _ => null,
        };
    }
}

/// <summary>Counts over time from the movements: each movement takes one member out of its from-class and into its to-class.</summary>
public static class MembershipHistory
{
    public static Dictionary<string, int> CountsOn(IEnumerable<MembershipMovement> movements, DateOnly day)
    {
        var counts = new Dictionary<string, int>();
        foreach (var m in movements.Where(m => m.EffectiveDate <= day))
        {
            if (m.FromClass is not null) counts[m.FromClass] = counts.GetValueOrDefault(m.FromClass) - 1;
            if (m.ToClass is not null) counts[m.ToClass] = counts.GetValueOrDefault(m.ToClass) + 1;
        }
        return counts;
    }

    /// <summary>Members per class at the end of each month from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static IReadOnlyList<(DateOnly MonthEnd, Dictionary<string, int> Counts)> ByMonth(IReadOnlyList<MembershipMovement> movements, DateOnly from, DateOnly to)
    {
        var months = new List<(DateOnly, Dictionary<string, int>)>();
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            var end = month.AddMonths(1).AddDays(-1);
            months.Add((end, CountsOn(movements, end)));
        }
        return months;
    }

    /// <summary>Joins (and rejoins), upgrades, downgrades and departures (and lapses) per calendar quarter, newest first.</summary>
    public static IReadOnlyList<(string Quarter, int Joins, int Upgrades, int Downgrades, int Departures)> ByQuarter(IEnumerable<MembershipMovement> movements) =>
        movements.GroupBy(m => $"{m.EffectiveDate.Year} Q{(m.EffectiveDate.Month - 1) / 3 + 1}")
            .OrderByDescending(g => g.Key)
            .Select(g => (g.Key,
                g.Count(m => m.Kind is MovementKind.Joined or MovementKind.Rejoined || (m.Kind == MovementKind.Renewed && m.FromClass is null)),
                g.Count(m => m.Kind == MovementKind.Upgraded),
                g.Count(m => m.Kind == MovementKind.Downgraded),
                g.Count(m => m.Kind is MovementKind.Left or MovementKind.Lapsed)))
            .ToList();
}
