using Governance.Platform;

namespace Governance.Features.Projects;

public enum ProjectStage { Applied, Sandbox, Incubating, Graduated, Archived }

public sealed record Maintainer(string Name, string Organization);

// One stream per project: its application and queue, its moves between levels (each carrying the vote that
// decided it and the published reason), its due diligence, audits and reviews.

public sealed record ProjectApplied(Guid ProjectId, string Name, string Slug, string Description, string? RepoUrl, string? HomepageUrl,
    ProjectStage RequestedStage, string? License = null, string? Category = null, IReadOnlyList<Maintainer>? Maintainers = null,
    DateOnly? AppliedOn = null);

// The application queue (cncf/sandbox): New → Need-Info ⇄ → Upcoming → Approved | Declined | Postponed → Returning.
public sealed record ApplicationInformationRequested(Guid ProjectId, string Question);
public sealed record ApplicationInformationProvided(Guid ProjectId, string Answer);
public sealed record ApplicationScheduledForReview(Guid ProjectId, DateOnly ReviewSession);
public sealed record ApplicationPostponed(Guid ProjectId, string Reason);
/// <summary>Declined by the TOC, or by a failed vote (then with the vote). Closes an open level application too.</summary>
public sealed record ApplicationDeclined(Guid ProjectId, string Reason, Guid? VoteId = null);
public sealed record ProjectReapplied(Guid ProjectId, string WhatChanged);

public sealed record ProjectAcceptedIntoSandbox(Guid ProjectId, DateOnly EffectiveDate, Guid? VoteId, string? Reason = null) : IEffectiveDated;
public sealed record ProjectMovedToIncubation(Guid ProjectId, DateOnly EffectiveDate, Guid? VoteId, string? Reason = null) : IEffectiveDated;
public sealed record ProjectGraduated(Guid ProjectId, DateOnly EffectiveDate, Guid? VoteId, string? Reason = null) : IEffectiveDated;
public sealed record ProjectArchived(Guid ProjectId, ProjectStage FromStage, DateOnly EffectiveDate, Guid? VoteId, string? Reason = null) : IEffectiveDated;
/// <summary>An archived project back through the normal process: it returns to the Sandbox, never to its former level.</summary>
public sealed record ProjectReactivated(Guid ProjectId, DateOnly EffectiveDate, Guid? VoteId, string? Reason = null) : IEffectiveDated;

/// <summary>
/// A mistaken stage date corrected: the event that recorded it stays as it was; this one references it by version
/// and says what the date should have been, and why.
/// </summary>
public sealed record StageDateCorrected(Guid ProjectId, ProjectStage Stage, long CorrectsVersion, DateOnly From, DateOnly To, string Reason);

public sealed record ProjectDetailsChanged(Guid ProjectId, string Description, string? RepoUrl, string? HomepageUrl, string? License,
    string? Category, IReadOnlyList<Maintainer> Maintainers);
public sealed record SecurityAuditRecorded(Guid ProjectId, DateOnly Date, string Vendor, string Url, string Type);
public sealed record AnnualReviewRecorded(Guid ProjectId, DateOnly Date, string Url);

// Moving levels: the application, its sponsors, its due-diligence evidence and its comment periods.
public sealed record Criterion(string Key, string Text, bool Required);
public sealed record LevelApplicationFiled(Guid ProjectId, ProjectStage Target, IReadOnlyList<Criterion> Checklist);
public sealed record SponsorAssigned(Guid ProjectId, string PersonId, string Name, string? ConflictOfInterest);
public sealed record SponsorWithdrew(Guid ProjectId, string PersonId, string Reason);
public sealed record CriterionEvidenceRecorded(Guid ProjectId, string Key, string EvidenceUrl, bool Met, string? Note);
public enum CommentPeriod { Internal, Public }
public sealed record CommentPeriodOpened(Guid ProjectId, CommentPeriod Period, DateOnly Opens, DateOnly Closes);
