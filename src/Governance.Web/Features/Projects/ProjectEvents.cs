using Governance.Platform;

namespace Governance.Features.Projects;

public enum ProjectStage { Applied, Sandbox, Incubating, Graduated, Archived }

// One stream per project. Stage moves carry the vote that decided them.

public sealed record ProjectApplied(Guid ProjectId, string Name, string Slug, string Description, string? RepoUrl, string? HomepageUrl, ProjectStage RequestedStage);

public sealed record ProjectAcceptedIntoSandbox(Guid ProjectId, DateOnly EffectiveDate, Guid? VoteId) : IEffectiveDated
{
    public string? Reason => null;
}

public sealed record ProjectMovedToIncubation(Guid ProjectId, DateOnly EffectiveDate, Guid? VoteId) : IEffectiveDated
{
    public string? Reason => null;
}

public sealed record ProjectGraduated(Guid ProjectId, DateOnly EffectiveDate, Guid? VoteId) : IEffectiveDated
{
    public string? Reason => null;
}

public sealed record ProjectArchived(Guid ProjectId, ProjectStage FromStage, DateOnly EffectiveDate, Guid? VoteId) : IEffectiveDated
{
    public string? Reason => null;
}
