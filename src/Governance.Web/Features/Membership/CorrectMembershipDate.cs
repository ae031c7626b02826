using Governance.Features.Audit;
using Governance.Platform;
using Governance.Platform.Accounts;
using JasperFx.Events;
using Marten;

namespace Governance.Features.Membership;

/// <summary>Staff correct the effective date of a join, rejoin, tier change, renewal or departure, with the reason.</summary>
public sealed record CorrectMembershipDate(Guid OrganizationId, long ExpectedVersion, long CorrectsVersion, DateOnly EffectiveDate, string Reason)
    : IStaffCommand, IOrganizationCommand;

public static class CorrectMembershipDateHandler
{
    /// <summary>The facts whose date can be corrected, as the history names them.</summary>
    public static readonly string[] Correctable =
        [.. new[] { typeof(MemberJoined), typeof(MemberRejoined), typeof(TierChanged), typeof(MembershipRenewed), typeof(MemberLeft) }.Select(AuditTrailProjection.Describe)];

    /// <param name="stream">The organization's events, in order.</param>
    public static MembershipDateCorrected Decide(IReadOnlyList<IEvent> stream, CorrectMembershipDate c, DateOnly today)
    {
        // Each fact's date as it stands now: the latest correction of it wins.
        var dated = stream.Where(e => e.Data is MemberJoined or MemberRejoined or TierChanged or MembershipRenewed or MemberLeft)
            .Select(e => (Event: e, Date: stream.LastOrDefault(x => x.Data is MembershipDateCorrected m && m.CorrectsVersion == e.Version)?.Data
                is MembershipDateCorrected latest ? latest.EffectiveDate : ((IEffectiveDated)e.Data).EffectiveDate))
            .ToList();
        var index = dated.FindIndex(d => d.Event.Version == c.CorrectsVersion);
        if (index < 0) throw new CommandRefused($"Entry {c.CorrectsVersion} is not a dated membership fact (a join, rejoin, tier change, renewal or departure).");
        var (corrected, from) = dated[index];
        if (from == c.EffectiveDate) throw new CommandRefused($"That entry's date is already {from:yyyy-MM-dd}.");
        if (c.EffectiveDate > today) throw new CommandRefused("The corrected date cannot be in the future.");
        // The facts keep their order: a tier change cannot move before the join it changed.
        if (index > 0 && c.EffectiveDate < dated[index - 1].Date)
            throw new CommandRefused($"The date would fall before the entry before it ({dated[index - 1].Date:yyyy-MM-dd}).");
        if (index < dated.Count - 1 && c.EffectiveDate > dated[index + 1].Date)
            throw new CommandRefused($"The date would fall after the entry after it ({dated[index + 1].Date:yyyy-MM-dd}).");
        return new(c.OrganizationId, corrected.Version, corrected.Id, AuditTrailProjection.Describe(corrected.EventType), from, c.EffectiveDate,
            CommandRefused.Required(c.Reason, "why the date was wrong"));
    }

    public static async Task Handle(CorrectMembershipDate c, IDocumentSession session, TimeProvider clock)
    {
        var stream = await OrganizationStream.FetchForChangeAsync(session, c);
        var events = await session.Events.FetchStreamAsync(c.OrganizationId);
        stream.AppendOne(Decide(events, c, OrganizationStream.Today(clock)));
    }
}
