using Governance.Platform;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Governance.Features.Projects;

/// <summary>Where an application stands in the transparent queue (cncf/sandbox's labels).</summary>
public enum ApplicationState { New, NeedInfo, Upcoming, Approved, Declined, Postponed, Returning }

public sealed record SecurityAudit(DateOnly Date, string Vendor, string Url, string Type);
public sealed record AnnualReview(DateOnly Date, string Url);

public sealed class Sponsor
{
    public string PersonId { get; set; } = "";
    public string Name { get; set; } = "";
    public string? ConflictOfInterest { get; set; }
}

public sealed class ChecklistItem
{
    public string Key { get; set; } = "";
    public string Text { get; set; } = "";
    public bool Required { get; set; }
    public string? EvidenceUrl { get; set; }
    public bool Met { get; set; }
    public string? Note { get; set; }
}

/// <summary>An application to move to a higher level: its sponsors, its due-diligence checklist, its comment periods.</summary>
public sealed class LevelApplication
{
    public ProjectStage Target { get; set; }
    public DateOnly Filed { get; set; }
    public List<Sponsor> Sponsors { get; set; } = [];
    public List<ChecklistItem> Checklist { get; set; } = [];
    public DateOnly? InternalCommentOpens { get; set; }
    public DateOnly? InternalCommentCloses { get; set; }
    public DateOnly? PublicCommentOpens { get; set; }
    public DateOnly? PublicCommentCloses { get; set; }

    /// <summary>At least one sponsor without a declared conflict: a conflicted sponsor needs an unconflicted co-sponsor.</summary>
    public bool SponsoredWithoutConflict => Sponsors.Any(s => s.ConflictOfInterest is null);

    public IEnumerable<ChecklistItem> RequiredMissing => Checklist.Where(c => c.Required && !c.Met);
}

/// <summary>
/// A project: its stage and the date it reached each, its place in the application queue, its level application,
/// audits and reviews. Kept inline, so the board, the queue and the rules see a command's effect at once.
/// </summary>
public sealed class Project : IChangeTracked
{
    string IChangeTracked.DisplayName => Name;

    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public string Description { get; set; } = "";
    public string? RepoUrl { get; set; }
    public string? HomepageUrl { get; set; }
    public string? License { get; set; }
    public string? Category { get; set; }
    public List<Maintainer> Maintainers { get; set; } = [];
    public ProjectStage Stage { get; set; }
    public ProjectStage RequestedStage { get; set; }
    public DateOnly? Applied { get; set; }
    public DateOnly? Sandbox { get; set; }
    public DateOnly? Incubating { get; set; }
    public DateOnly? Graduated { get; set; }
    public DateOnly? Archived { get; set; }
    public DateOnly? Reactivated { get; set; }

    public ApplicationState? Application { get; set; }
    /// <summary>When the application entered its current state; the queue's "oldest first" uses <see cref="Applied"/>.</summary>
    public DateOnly? ApplicationSince { get; set; }
    /// <summary>Declined or postponed before and applied again: reviewed ahead of first-time applications.</summary>
    public bool Returning { get; set; }
    public DateOnly? ReviewSession { get; set; }
    /// <summary>The published reason of the latest decision or the open question to the applicant.</summary>
    public string? Decision { get; set; }

    public LevelApplication? Level { get; set; }
    public List<SecurityAudit> Audits { get; set; } = [];
    public List<AnnualReview> AnnualReviews { get; set; } = [];

    public long Version { get; set; }
    public string? LastChangedBy { get; set; }
    public DateTimeOffset LastChangedAt { get; set; }

    /// <summary>Waiting for the TOC in the queue (not for the applicant, not decided).</summary>
    public bool AwaitingToc => Application is ApplicationState.New or ApplicationState.Upcoming or ApplicationState.Returning;

    /// <summary>Who has to act next, in a sentence the applicant can read.</summary>
    public string NextStep(DateOnly today) => Application switch
    {
        ApplicationState.New => "TOC: triage the application",
        ApplicationState.NeedInfo => "Applicant: answer the TOC's question",
        ApplicationState.Upcoming => $"TOC: review at the session on {ReviewSession:yyyy-MM-dd}",
        ApplicationState.Returning => "TOC: review the returning application",
        ApplicationState.Declined or ApplicationState.Postponed => "Applicant: may apply again",
        _ when Level is { } level => LevelNextStep(level, today),
        _ => "Nobody: no application is open",
    };

    static string LevelNextStep(LevelApplication level, DateOnly today) => level switch
    {
        { Sponsors.Count: 0 } => "TOC: assign a sponsor",
        { SponsoredWithoutConflict: false } => "TOC: assign a sponsor without a conflict of interest",
        _ when level.RequiredMissing.Any() => $"Sponsor: due diligence ({level.RequiredMissing.Count()} required criteria open)",
        { InternalCommentCloses: null } => "Sponsor: open the TOC's internal comment period",
        { PublicCommentCloses: null } when today < level.InternalCommentCloses => $"TOC: internal comment until {level.InternalCommentCloses:yyyy-MM-dd}",
        { PublicCommentCloses: null } => "Sponsor: open the public comment period",
        _ when today < level.PublicCommentCloses => $"Public: comment until {level.PublicCommentCloses:yyyy-MM-dd}",
        _ => "TOC: vote",
    };
}

public sealed partial class ProjectProjection : SingleStreamProjection<Project, Guid>
{
    // Evolve sees only the events named here; without the list it would see every stream's events.
    public ProjectProjection()
    {
        Type[] events =
        [
            typeof(ProjectApplied), typeof(ApplicationInformationRequested), typeof(ApplicationInformationProvided), typeof(ApplicationScheduledForReview),
            typeof(ApplicationPostponed), typeof(ApplicationDeclined), typeof(ProjectReapplied), typeof(ProjectAcceptedIntoSandbox),
            typeof(ProjectMovedToIncubation), typeof(ProjectGraduated), typeof(ProjectArchived), typeof(ProjectReactivated), typeof(ProjectDetailsChanged),
            typeof(SecurityAuditRecorded), typeof(AnnualReviewRecorded), typeof(LevelApplicationFiled), typeof(SponsorAssigned), typeof(SponsorWithdrew),
            typeof(CriterionEvidenceRecorded), typeof(CommentPeriodOpened), typeof(StageDateCorrected),
        ];
        foreach (var type in events) IncludeType(type);
    }

    public override Project Evolve(Project? snapshot, Guid id, IEvent e)
    {
        var p = snapshot ?? new Project { Id = id };
        var on = DateOnly.FromDateTime(e.Timestamp.UtcDateTime);
        switch (e.Data)
        {
            case ProjectApplied a:
                (p.Name, p.Slug, p.Description, p.RepoUrl, p.HomepageUrl) = (a.Name, a.Slug, a.Description, a.RepoUrl, a.HomepageUrl);
                (p.License, p.Category, p.Maintainers, p.RequestedStage) = (a.License, a.Category, [.. a.Maintainers ?? []], a.RequestedStage);
                (p.Stage, p.Applied) = (ProjectStage.Applied, a.AppliedOn ?? on);
                Queue(p, ApplicationState.New, on, null);
                break;
            case ApplicationInformationRequested r: Queue(p, ApplicationState.NeedInfo, on, r.Question); break;
            case ApplicationInformationProvided: Queue(p, p.Returning ? ApplicationState.Returning : ApplicationState.New, on, null); break;
            case ApplicationScheduledForReview s:
                Queue(p, ApplicationState.Upcoming, on, p.Decision);
                p.ReviewSession = s.ReviewSession;
                break;
            case ApplicationPostponed x: Queue(p, ApplicationState.Postponed, on, x.Reason); break;
            case ApplicationDeclined d:
                if (p.Stage == ProjectStage.Applied) Queue(p, ApplicationState.Declined, on, d.Reason);
                else p.Decision = d.Reason;
                p.Level = null;
                break;
            case ProjectReapplied r:
                p.Returning = true;
                Queue(p, ApplicationState.Returning, on, r.WhatChanged);
                break;
            case ProjectAcceptedIntoSandbox m: Move(p, ProjectStage.Sandbox, m.EffectiveDate, m.Reason); break;
            case ProjectMovedToIncubation m: Move(p, ProjectStage.Incubating, m.EffectiveDate, m.Reason); break;
            case ProjectGraduated m: Move(p, ProjectStage.Graduated, m.EffectiveDate, m.Reason); break;
            case ProjectArchived m: Move(p, ProjectStage.Archived, m.EffectiveDate, m.Reason); break;
            case ProjectReactivated m: Move(p, ProjectStage.Sandbox, m.EffectiveDate, m.Reason); break;
            case ProjectDetailsChanged c:
                (p.Description, p.RepoUrl, p.HomepageUrl, p.License, p.Category, p.Maintainers) =
                    (c.Description, c.RepoUrl, c.HomepageUrl, c.License, c.Category, [.. c.Maintainers]);
                break;
            case StageDateCorrected c:
                switch (c.Stage)
                {
                    case ProjectStage.Sandbox: p.Sandbox = c.To; break;
                    case ProjectStage.Incubating: p.Incubating = c.To; break;
                    case ProjectStage.Graduated: p.Graduated = c.To; break;
                    case ProjectStage.Archived: p.Archived = c.To; break;
                }
                break;
            case SecurityAuditRecorded a: p.Audits.Add(new SecurityAudit(a.Date, a.Vendor, a.Url, a.Type)); break;
            case AnnualReviewRecorded r: p.AnnualReviews.Add(new AnnualReview(r.Date, r.Url)); break;
            case LevelApplicationFiled f:
                p.Level = new LevelApplication
                {
                    Target = f.Target, Filed = on,
                    Checklist = [.. f.Checklist.Select(c => new ChecklistItem { Key = c.Key, Text = c.Text, Required = c.Required })],
                };
                break;
            case SponsorAssigned s: p.Level?.Sponsors.Add(new Sponsor { PersonId = s.PersonId, Name = s.Name, ConflictOfInterest = s.ConflictOfInterest }); break;
            case SponsorWithdrew s: p.Level?.Sponsors.RemoveAll(x => x.PersonId == s.PersonId); break;
            case CriterionEvidenceRecorded c when p.Level?.Checklist.FirstOrDefault(x => x.Key == c.Key) is { } item:
                (item.EvidenceUrl, item.Met, item.Note) = (c.EvidenceUrl, c.Met, c.Note);
                break;
            case CommentPeriodOpened { Period: CommentPeriod.Internal } c when p.Level is { } level:
                (level.InternalCommentOpens, level.InternalCommentCloses) = (c.Opens, c.Closes);
                break;
            case CommentPeriodOpened c when p.Level is { } level:
                (level.PublicCommentOpens, level.PublicCommentCloses) = (c.Opens, c.Closes);
                break;
        }
        return p;
    }

    // Who changed it last and when come from the event's metadata, so a concurrent edit can be reported by name.
    public override Project ApplyMetadata(Project project, IEvent lastEvent)
    {
        (project.Version, project.LastChangedBy, project.LastChangedAt) = (lastEvent.Version, lastEvent.UserName, lastEvent.Timestamp);
        return project;
    }

    static void Queue(Project p, ApplicationState state, DateOnly on, string? decision) =>
        (p.Application, p.ApplicationSince, p.Decision) = (state, on, decision);

    static void Move(Project p, ProjectStage stage, DateOnly on, string? reason)
    {
        if (p.Stage == ProjectStage.Applied) Queue(p, ApplicationState.Approved, on, reason);
        else p.Decision = reason;
        if (p.Level?.Target == stage) p.Level = null;
        if (stage == ProjectStage.Archived) p.Level = null;
        if (stage == ProjectStage.Sandbox && p.Archived is not null) p.Reactivated = on;
        p.Stage = stage;
        switch (stage)
        {
            case ProjectStage.Sandbox: p.Sandbox ??= on; break;
            case ProjectStage.Incubating: p.Incubating = on; break;
            case ProjectStage.Graduated: p.Graduated = on; break;
            case ProjectStage.Archived: p.Archived = on; break;
        }
    }
}
