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

    public static Task Handle(ChangeProjectDetails c, IDocumentSession s) => ProjectStream.ChangeAsync(s, c, p => Decide(p, c));
    public static Task Handle(RecordSecurityAudit c, IDocumentSession s, TimeProvider clock) => ProjectStream.ChangeAsync(s, c, p => Decide(p, c, Today(clock)));
    public static Task Handle(RecordAnnualReview c, IDocumentSession s, TimeProvider clock) => ProjectStream.ChangeAsync(s, c, p => Decide(p, c, Today(clock)));

    static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
