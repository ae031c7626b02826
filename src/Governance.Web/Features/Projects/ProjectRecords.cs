using Wolverine.Attributes;
using Governance.Features.Membership;
using Governance.Platform;
using Governance.Platform.Accounts;
using Marten;

namespace Governance.Features.Projects;

public sealed record ChangeProjectDetails(Guid ProjectId, long ExpectedVersion, string Description, string? RepoUrl, string? HomepageUrl,
    string? License, string? Category, IReadOnlyList<Maintainer>? Maintainers) : IStaffOrTocCommand, IProjectCommand;

public sealed record RecordSecurityAudit(Guid ProjectId, long ExpectedVersion, DateOnly Date, string Vendor, string Url, string? Type)
    : IStaffOrTocCommand, IProjectCommand;

public sealed record RecordAnnualReview(Guid ProjectId, long ExpectedVersion, DateOnly Date, string Url) : IStaffOrTocCommand, IProjectCommand;

/// <summary>Staff correct the date a project reached a stage, with the reason; the original entry stays.</summary>
public sealed record CorrectStageDate(Guid ProjectId, long ExpectedVersion, ProjectStage Stage, DateOnly EffectiveDate, string Reason) : IStaffCommand, IProjectCommand;

/// <summary>The records staff and the TOC keep on a project besides its stage.</summary>
[WolverineHandler]
public static class ProjectRecords
{
    public static ProjectDetailsChanged Decide(Project p, ChangeProjectDetails c)
    {
        var changed = new ProjectDetailsChanged(p.Id, CommandRefused.Required(c.Description, "a description"),
            ChangeOrganizationDetailsHandler.WebAddress(c.RepoUrl, "repository URL"), ChangeOrganizationDetailsHandler.WebAddress(c.HomepageUrl, "homepage URL"),
            ApplyProjectHandler.Trimmed(c.License), ApplyProjectHandler.Trimmed(c.Category), ApplyProjectHandler.Maintainers(c.Maintainers));
        if ((p.Description, p.RepoUrl, p.HomepageUrl, p.License, p.Category) == (changed.Description, changed.RepoUrl, changed.HomepageUrl, changed.License, changed.Category)
            && p.Maintainers.SequenceEqual(changed.Maintainers))
            throw new CommandRefused("Nothing changed.");
        return changed;
    }

    public static SecurityAuditRecorded Decide(Project p, RecordSecurityAudit c, DateOnly today)
    {
        if (c.Date > today) throw new CommandRefused("Record an audit once its report is published: the date cannot be in the future.");
        var url = ChangeOrganizationDetailsHandler.WebAddress(c.Url, "report URL") ?? throw new CommandRefused("Link the audit report.");
        if (p.Audits.Any(a => a.Url == url)) throw new CommandRefused("That audit report is already on record.");
        return new(p.Id, c.Date, CommandRefused.Required(c.Vendor, "the audit's vendor"), url, ApplyProjectHandler.Trimmed(c.Type) ?? "security");
    }

    public static AnnualReviewRecorded Decide(Project p, RecordAnnualReview c, DateOnly today)
    {
        if (c.Date > today) throw new CommandRefused("The review date cannot be in the future.");
        var url = ChangeOrganizationDetailsHandler.WebAddress(c.Url, "review URL") ?? throw new CommandRefused("Link the review.");
        if (p.AnnualReviews.Any(r => r.Date == c.Date)) throw new CommandRefused($"A review dated {c.Date:yyyy-MM-dd} is already on record.");
        return new(p.Id, c.Date, url);
    }

    /// <param name="correctsVersion">The version of the latest event that recorded the stage's date.</param>
    public static StageDateCorrected Decide(Project p, CorrectStageDate c, long? correctsVersion, DateOnly today)
    {
        DateOnly?[] dates = [p.Sandbox, p.Incubating, p.Graduated, p.Archived];
        var index = Array.IndexOf(Lifecycle.Levels, c.Stage);
        if (index < 0 || dates[index] is not { } from || correctsVersion is null) throw new CommandRefused($"{p.Name} has no {c.Stage} date to correct.");
        if (from == c.EffectiveDate) throw new CommandRefused($"{p.Name}'s {c.Stage} date is already {from:yyyy-MM-dd}.");
        if (c.EffectiveDate > today) throw new CommandRefused("The corrected date cannot be in the future.");
        dates[index] = c.EffectiveDate;
        var levels = dates.Take(3).Where(d => d is not null).ToList();
        if (!levels.SequenceEqual(levels.Order()) || (dates[3] is { } archived && levels.Any(d => d > archived)))
            throw new CommandRefused("The dates would be out of order: sandbox, incubating, graduated, then archived.");
        return new(p.Id, c.Stage, correctsVersion.Value, from, c.EffectiveDate, CommandRefused.Required(c.Reason, "why the date was wrong"));
    }

    public static async Task Handle(CorrectStageDate c, IDocumentSession s, TimeProvider clock)
    {
        Type recorded = c.Stage switch
        {
            ProjectStage.Sandbox => typeof(ProjectAcceptedIntoSandbox), ProjectStage.Incubating => typeof(ProjectMovedToIncubation),
            ProjectStage.Graduated => typeof(ProjectGraduated), _ => typeof(ProjectArchived),
        };
        var corrects = (await s.Events.FetchStreamAsync(c.ProjectId)).LastOrDefault(e => e.EventType == recorded)?.Version;
        await ProjectStream.ChangeAsync(s, c, p => Decide(p, c, corrects, Today(clock)));
    }

    public static Task Handle(ChangeProjectDetails c, IDocumentSession s) => ProjectStream.ChangeAsync(s, c, p => Decide(p, c));
    public static Task Handle(RecordSecurityAudit c, IDocumentSession s, TimeProvider clock) => ProjectStream.ChangeAsync(s, c, p => Decide(p, c, Today(clock)));
    public static Task Handle(RecordAnnualReview c, IDocumentSession s, TimeProvider clock) => ProjectStream.ChangeAsync(s, c, p => Decide(p, c, Today(clock)));

    static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
