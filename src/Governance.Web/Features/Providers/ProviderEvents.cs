namespace Governance.Features.Providers;

public sealed record CertifiedEngineer(string Name, string CertificateId, DateOnly Expires);

// One stream per application to a program: its evidence, each review, the decision, and the approval's standing.
public sealed record ProviderApplicationSubmitted(Guid ApplicationId, string Program, Guid OrganizationId, string OrganizationName, string? Website,
    string? Country, IReadOnlyList<string> Services, IReadOnlyList<CertifiedEngineer> Engineers, IReadOnlyList<string> ContributionLinks, string SupportOffering);
public sealed record ProviderRequirementReviewed(Guid ApplicationId, string Requirement, bool Met, string? Note);
public sealed record ProviderInformationRequested(Guid ApplicationId, string Question);
public sealed record ProviderEvidenceUpdated(Guid ApplicationId, IReadOnlyList<CertifiedEngineer> Engineers, IReadOnlyList<string> ContributionLinks, string SupportOffering, string? Answer);
public sealed record ProviderApproved(Guid ApplicationId, DateOnly EffectiveDate, string? Reason);
public sealed record ProviderDeclined(Guid ApplicationId, string Reason);
/// <summary>The portal's notice to the provider that its approval will lapse, and why, before it happens.</summary>
public sealed record ProviderLapseWarned(Guid ApplicationId, DateOnly LapsesOn, string Reason);
public sealed record ProviderLapsed(Guid ApplicationId, DateOnly EffectiveDate, string Reason);
