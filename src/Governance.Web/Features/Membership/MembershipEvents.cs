using Governance.Platform;

namespace Governance.Features.Membership;

// One stream per organization, keyed by its Guid. Who recorded each event, when, and under which
// correlation id is Marten metadata set once per command (see CommandAuthorization), not event data.

public sealed record Contact(string Name, string Email);

public sealed record OrganizationRegistered(Guid OrganizationId, string Name, string? Website);

public sealed record OrganizationDetailsChanged(Guid OrganizationId, string Name, string? Website, string? Country, string? LogoUrl, bool IsEndUser);

public sealed record ContactsChanged(Guid OrganizationId, Contact? Primary, Contact? Billing, Contact? BoardRepresentative);

public sealed record MemberJoined(Guid OrganizationId, string MemberClass, DateOnly EffectiveDate, DateOnly TermEnd, string? Reason)
    : IEffectiveDated;

/// <summary>A new membership after the organization left or its membership lapsed: the gap stays in the history.</summary>
public sealed record MemberRejoined(Guid OrganizationId, string MemberClass, DateOnly EffectiveDate, DateOnly TermEnd, string? Reason)
    : IEffectiveDated;

public enum TierDirection { Upgrade, Downgrade }

public sealed record TierChanged(Guid OrganizationId, string FromClass, string ToClass, TierDirection Direction, DateOnly EffectiveDate, string? Reason)
    : IEffectiveDated;

/// <summary>The term was extended. <see cref="AfterLapse"/>: renewed after the term and its grace month ended, so the gap shows.</summary>
public sealed record MembershipRenewed(Guid OrganizationId, string MemberClass, DateOnly TermStart, DateOnly TermEnd, bool AfterLapse, DateOnly EffectiveDate, string? Reason)
    : IEffectiveDated;

/// <summary>The term and its grace month ended unrenewed. Raised by the scheduled lapse check, never by a person.</summary>
public sealed record MembershipLapsed(Guid OrganizationId, string MemberClass, DateOnly TermEnd, DateOnly EffectiveDate) : IEffectiveDated
{
    public string? Reason => "The term ended unrenewed";
}

public sealed record MemberLeft(Guid OrganizationId, string MemberClass, DateOnly EffectiveDate, string Reason) : IEffectiveDated
{
    string? IEffectiveDated.Reason => Reason;
}

public sealed record MembershipStatusOverridden(Guid OrganizationId, MembershipStatus Status, DateOnly Until, string Reason);

/// <summary>
/// A membership fact entered with the wrong effective date, corrected. The corrected event stays as it was entered:
/// this one names it (by version and id), says what the date should be, and why. "As of" views follow the correction;
/// "as recorded" on a time before it still shows the old date.
/// </summary>
public sealed record MembershipDateCorrected(Guid OrganizationId, long CorrectsVersion, Guid CorrectedEventId, string Fact, DateOnly From,
    DateOnly EffectiveDate, string Reason) : IEffectiveDated
{
    string? IEffectiveDated.Reason => Reason;
}
