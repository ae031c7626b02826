using Marten;
using Marten.Events.Aggregation;

namespace Governance.Features.Membership;

/// <summary>One row of the staff member directory: an organization and its current membership.</summary>
public sealed class MemberDirectoryRow
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Unique (see the index in Program): the database itself refuses a second organization of the same name.</summary>
    public string NormalizedName { get; set; } = "";
    public string? Website { get; set; }
    public string? MemberClass { get; set; }
    public DateOnly? JoinedOn { get; set; }
    public DateOnly? TermEnd { get; set; }
}

/// <summary>Inline: updated in the same transaction as the events, so the directory never lags a command.</summary>
public sealed partial class MemberDirectoryProjection : SingleStreamProjection<MemberDirectoryRow, Guid>
{
    public static MemberDirectoryRow Create(OrganizationRegistered e) =>
        new() { Id = e.OrganizationId, Name = e.Name, NormalizedName = MembershipRules.NormalizeName(e.Name), Website = e.Website };

    public static MemberDirectoryRow Apply(MemberJoined e, MemberDirectoryRow row)
    {
        row.MemberClass = e.MemberClass;
        row.JoinedOn = e.EffectiveDate;
        row.TermEnd = e.TermEnd;
        return row;
    }
}

public static class MemberDirectoryQueries
{
    /// <summary>Current members per class, in the foundation's class order.</summary>
    public static async Task<IReadOnlyList<(string MemberClass, int Count)>> CountByClassAsync(
        this IQuerySession session, MembershipRules rules, CancellationToken cancellation = default)
    {
        var classes = await session.Query<MemberDirectoryRow>()
            .Where(row => row.MemberClass != null)
            .Select(row => row.MemberClass!)
            .ToListAsync(cancellation);
        var counts = classes.CountBy(c => c).ToDictionary();
        return rules.Classes.Select(c => (c, counts.GetValueOrDefault(c))).ToList();
    }
}
