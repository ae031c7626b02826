using Governance.Platform;

namespace Governance.Features.Membership;

// One stream per organization, keyed by its Guid. Who recorded each event, when, and under which
// correlation id is Marten metadata set once per command (see CommandAuthorization), not event data.

public sealed record OrganizationRegistered(Guid OrganizationId, string Name, string? Website);

public sealed record MemberJoined(Guid OrganizationId, string MemberClass, DateOnly EffectiveDate, DateOnly TermEnd, string? Reason)
    : IEffectiveDated;
