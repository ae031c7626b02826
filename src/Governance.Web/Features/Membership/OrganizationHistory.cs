using Governance.Features.Audit;
using Governance.Platform;
using Marten;

namespace Governance.Features.Membership;

/// <summary>One line of an organization's timeline: what happened, when it took effect, when and by whom it was recorded, why.</summary>
public sealed record TimelineEntry(long Version, string What, string Details, DateOnly? EffectiveDate, DateTimeOffset RecordedAt, string? RecordedBy, string? Reason);

public static class OrganizationHistory
{
    /// <summary>
    /// The organization's own stream, read directly: one short stream per page view, and it is exact the moment a
    /// command commits (the audit trail is async).
    /// </summary>
    public static async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(this IQuerySession session, Guid organizationId, CancellationToken cancellation = default)
    {
        var events = await session.Events.FetchStreamAsync(organizationId, token: cancellation);
        return events.Select(e => new TimelineEntry(e.Version, AuditTrailProjection.Describe(e.EventType), Details(e.Data),
                (e.Data as IEffectiveDated)?.EffectiveDate, e.Timestamp, e.UserName, (e.Data as IEffectiveDated)?.Reason))
            .Reverse()
            .ToList();
    }

    static string Details(object e) => e switch
    {
        OrganizationRegistered r => r.Name,
        OrganizationDetailsChanged d => $"{d.Name}{(d.Country is null ? "" : $", {d.Country}")}{(d.IsEndUser ? ", end user" : "")}",
        ContactsChanged c => string.Join("; ", new[] { ("primary", c.Primary), ("billing", c.Billing), ("board", c.BoardRepresentative) }
            .Where(x => x.Item2 is not null).Select(x => $"{x.Item1}: {x.Item2!.Name}")),
        MemberJoined j => $"{j.MemberClass}, term to {j.TermEnd:yyyy-MM-dd}",
        MemberRejoined j => $"{j.MemberClass}, term to {j.TermEnd:yyyy-MM-dd}",
        TierChanged t => $"{t.Direction}: {t.FromClass} → {t.ToClass}",
        MembershipRenewed r => $"Term {r.TermStart:yyyy-MM-dd} to {r.TermEnd:yyyy-MM-dd}{(r.AfterLapse ? " (after a lapse)" : "")}",
        MembershipLapsed l => $"Term ended {l.TermEnd:yyyy-MM-dd}",
        MemberLeft => "Left the foundation",
        MembershipDateCorrected c => $"{c.Fact} (entry {c.CorrectsVersion}) took effect {c.EffectiveDate:yyyy-MM-dd}, not {c.From:yyyy-MM-dd}",
        MembershipStatusOverridden o => $"Shown as {o.Status} until {o.Until:yyyy-MM-dd}: {o.Reason}",
        _ => "",
    };
}
