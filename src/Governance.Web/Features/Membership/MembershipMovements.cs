using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

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
}

/// <summary>Async: the dashboard's history and "as of" counts read these rows, never the streams.</summary>
public sealed partial class MembershipMovementProjection : EventProjection
{
    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        MembershipMovement? Movement(MovementKind kind, string? from, string? to, DateOnly on) =>
            new() { Id = e.Id, OrganizationId = e.StreamId, Kind = kind, FromClass = from, ToClass = to, EffectiveDate = on };

        var movement = e.Data switch
        {
            MemberJoined j => Movement(MovementKind.Joined, null, j.MemberClass, j.EffectiveDate),
            MemberRejoined r => Movement(MovementKind.Rejoined, null, r.MemberClass, r.EffectiveDate),
            TierChanged t => Movement(t.Direction == TierDirection.Upgrade ? MovementKind.Upgraded : MovementKind.Downgraded, t.FromClass, t.ToClass, t.EffectiveDate),
            MembershipRenewed r => Movement(MovementKind.Renewed, r.AfterLapse ? null : r.MemberClass, r.MemberClass, r.EffectiveDate),
            MembershipLapsed l => Movement(MovementKind.Lapsed, l.MemberClass, null, l.EffectiveDate),
            MemberLeft l => Movement(MovementKind.Left, l.MemberClass, null, l.EffectiveDate),
            _ => null,
        };
        if (movement is not null) operations.Store(movement);
        return ValueTask.CompletedTask;
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
