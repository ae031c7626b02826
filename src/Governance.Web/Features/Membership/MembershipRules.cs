namespace Governance.Features.Membership;

/// <summary>The foundation's membership settings (configuration section `Membership`); defaults are CNCF's charter.</summary>
public sealed class MembershipRules
{
    public List<string> Classes { get; set; } = ["Platinum", "Gold", "Silver", "End User", "Academic", "Non-Profit"];

    /// <summary>Length of a membership term; a join's term ends this many months after its effective date.</summary>
    public int TermMonths { get; set; } = 12;

    /// <summary>How far ahead an effective date may be.</summary>
    public int MaxDaysAhead { get; set; } = 365;

    /// <summary>The configured spelling of <paramref name="memberClass"/>, or null when the foundation has no such class.</summary>
    public string? ClassNamed(string? memberClass) =>
        Classes.FirstOrDefault(c => string.Equals(c, memberClass?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Names are unique ignoring case and spacing: "Acme  Corp" and "acmecorp" are the same organization.</summary>
    public static string NormalizeName(string name) =>
        string.Concat(name.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant();
}
