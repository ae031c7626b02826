using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Governance.Features.Membership;

/// <summary>
/// A stretch of days over which an organization's membership stood still, by effective date: as of any day from
/// <see cref="From"/> up to (not including) <see cref="Until"/>, this is the organization's membership. One row per
/// stretch, indexed by its dates, so "as of a day" is one indexed query, paged and filtered like today's directory.
/// </summary>
public sealed class MembershipSpan : MembershipStanding
{
    /// <summary>"{organization}/{n}": the n-th stretch of its history.</summary>
    public string Id { get; set; } = "";
    public Guid OrganizationId { get; set; }
    public int Index { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? Until { get; set; }

    /// <summary>The organization as it stood then; details not kept by date (contacts, country) are left out.</summary>
    public Organization ToOrganization() => new()
    {
        Id = OrganizationId, Name = Name, Website = Website, MemberClass = MemberClass, JoinedOn = JoinedOn, TermEnd = TermEnd, LeftOn = LeftOn, Lapsed = Lapsed,
    };
}

/// <summary>One organization's membership movements, kept in order of effective date to cut its history into spans.</summary>
public sealed class MembershipTimeline
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string? Website { get; set; }
    public List<MembershipMovement> Movements { get; set; } = [];

    public void Apply(IEvent e)
    {
        switch (e.Data)
        {
            case OrganizationRegistered r: (Name, Website) = (r.Name, r.Website); break;
            case OrganizationDetailsChanged d: (Name, Website) = (d.Name, d.Website); break;
            case MembershipDateCorrected c:
                foreach (var m in Movements.Where(m => m.Id == c.CorrectedEventId)) m.EffectiveDate = c.EffectiveDate;
                break;
            default:
                if (MembershipMovementProjection.MovementOf(e) is { } movement) Movements.Add(movement);
                break;
        }
    }

    /// <summary>The spans: a new one begins on each day a movement took effect (all of that day's movements applied).</summary>
    public List<MembershipSpan> Spans()
    {
        var days = Movements.OrderBy(m => m.EffectiveDate).ThenBy(m => m.Sequence).GroupBy(m => m.EffectiveDate).ToList();
        var spans = new List<MembershipSpan>();
        var state = new MembershipSpan { Name = Name, Website = Website };
        foreach (var (day, index) in days.Select((d, i) => (d, i)))
        {
            foreach (var m in day) MembershipAsOf.Apply(state, m);
            spans.Add(new MembershipSpan
            {
                Id = $"{Id}/{index}", OrganizationId = Id, Index = index, From = day.Key, Until = index + 1 < days.Count ? days[index + 1].Key : null,
                Name = Name, Website = Website, MemberClass = state.MemberClass, JoinedOn = state.JoinedOn, TermEnd = state.TermEnd, LeftOn = state.LeftOn, Lapsed = state.Lapsed,
            });
        }
        return spans;
    }
}

/// <summary>
/// Async. Takes a whole batch of events at once: each organization touched has its timeline loaded once, every new
/// movement of the batch applied in order, and its spans written anew. (Per event, a later event of the same batch
/// could not see the timeline an earlier one had just changed: it is not committed yet.)
/// </summary>
public sealed class MembershipSpanProjection : IProjection
{
    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var touched = events.Where(e => e.Data is OrganizationRegistered or OrganizationDetailsChanged or MembershipDateCorrected
                                        || MembershipMovementProjection.MovementOf(e) is not null)
            .GroupBy(e => e.StreamId).ToList();
        if (touched.Count == 0) return;
        var timelines = (await operations.LoadManyAsync<MembershipTimeline>(cancellation, touched.Select(g => g.Key))).ToDictionary(t => t.Id);
        foreach (var organization in touched)
        {
            var timeline = timelines.GetValueOrDefault(organization.Key) ?? new MembershipTimeline { Id = organization.Key };
            foreach (var e in organization) timeline.Apply(e);
            operations.Store(timeline);
            var spans = timeline.Spans();
            foreach (var span in spans) operations.Store(span);
            operations.DeleteWhere<MembershipSpan>(s => s.OrganizationId == timeline.Id && s.Index >= spans.Count);
        }
    }
}

/// <summary>Organizations as they stood on a past day, by effective date: the spans covering that day.</summary>
public static class MembershipAsOf
{
    public static IQueryable<MembershipSpan> On(this IQueryable<MembershipSpan> spans, DateOnly day) =>
        spans.Where(s => s.From <= day && (s.Until == null || s.Until > day));

    /// <summary>Every organization with a membership begun by <paramref name="day"/>, as it stood that day.</summary>
    public static async Task<IReadOnlyList<Organization>> OrganizationsOnAsync(IQuerySession session, DateOnly day, CancellationToken cancellation = default) =>
        (await session.Query<MembershipSpan>().On(day).OrderBy(s => s.Name).ToListAsync(cancellation)).Select(s => s.ToOrganization()).ToList();

    /// <summary>Members per class on the day: the spans covering it whose membership was in force.</summary>
    public static async Task<Dictionary<string, int>> CountsOnAsync(IQuerySession session, DateOnly day, CancellationToken cancellation = default) =>
        (await session.Query<MembershipSpan>().On(day).Where(s => s.MemberClass != null && s.LeftOn == null && !s.Lapsed)
            .Select(s => s.MemberClass!).ToListAsync(cancellation)).CountBy(c => c).ToDictionary();

    /// <summary>One organization as it stood on the day: today's record without a membership if it had none yet; null if it does not exist.</summary>
    public static async Task<Organization?> OrganizationOnAsync(IQuerySession session, Guid id, DateOnly day, CancellationToken cancellation = default)
    {
        var today = await session.LoadAsync<Organization>(id, cancellation);
        if (today is null) return null;
        var span = await session.Query<MembershipSpan>().On(day).FirstOrDefaultAsync(s => s.OrganizationId == id, cancellation);
        var then = span?.ToOrganization() ?? new Organization { Id = id, Name = today.Name, Website = today.Website };
        (then.Country, then.IsEndUser, then.PrimaryContact, then.BillingContact, then.BoardRepresentative) =
            (today.Country, today.IsEndUser, today.PrimaryContact, today.BillingContact, today.BoardRepresentative);
        return then;
    }

    /// <summary>One movement applied to the membership it changes.</summary>
    public static void Apply(MembershipStanding state, MembershipMovement m)
    {
        switch (m.Kind)
        {
            case MovementKind.Joined or MovementKind.Rejoined:
                (state.MemberClass, state.JoinedOn, state.TermEnd, state.LeftOn, state.Lapsed) = (m.ToClass, m.EffectiveDate, m.TermEnd, null, false);
                break;
            case MovementKind.Renewed:
                if (m.FromClass is null) state.JoinedOn = m.TermStart ?? m.EffectiveDate;
                (state.TermEnd, state.Lapsed) = (m.TermEnd, false);
                break;
            case MovementKind.Upgraded or MovementKind.Downgraded:
                state.MemberClass = m.ToClass;
                break;
            case MovementKind.Lapsed:
                state.Lapsed = true;
                break;
            case MovementKind.Left:
                state.LeftOn = m.EffectiveDate;
                break;
        }
    }
}
