using Governance.Platform;
using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;

namespace Governance.Features.Projects;

/// <summary>A project, its stage and the date it reached each stage: the lifecycle board's card and the rules' state.</summary>
public sealed class Project
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public string Description { get; set; } = "";
    public string? RepoUrl { get; set; }
    public string? HomepageUrl { get; set; }
    public ProjectStage Stage { get; set; }
    public DateOnly? Applied { get; set; }
    public DateOnly? Sandbox { get; set; }
    public DateOnly? Incubating { get; set; }
    public DateOnly? Graduated { get; set; }
    public DateOnly? Archived { get; set; }
}

public sealed partial class ProjectProjection : SingleStreamProjection<Project, Guid>
{
    public static Project Create(IEvent<ProjectApplied> e) => new()
    {
        Id = e.Data.ProjectId, Name = e.Data.Name, Slug = e.Data.Slug, Description = e.Data.Description,
        RepoUrl = e.Data.RepoUrl, HomepageUrl = e.Data.HomepageUrl, Stage = ProjectStage.Applied, Applied = DateOnly.FromDateTime(e.Timestamp.UtcDateTime),
    };

    public static Project Apply(ProjectAcceptedIntoSandbox e, Project p) => Move(p, ProjectStage.Sandbox, e.EffectiveDate);
    public static Project Apply(ProjectMovedToIncubation e, Project p) => Move(p, ProjectStage.Incubating, e.EffectiveDate);
    public static Project Apply(ProjectGraduated e, Project p) => Move(p, ProjectStage.Graduated, e.EffectiveDate);
    public static Project Apply(ProjectArchived e, Project p) => Move(p, ProjectStage.Archived, e.EffectiveDate);

    static Project Move(Project p, ProjectStage stage, DateOnly on)
    {
        p.Stage = stage;
        switch (stage)
        {
            case ProjectStage.Sandbox: p.Sandbox = on; break;
            case ProjectStage.Incubating: p.Incubating = on; break;
            case ProjectStage.Graduated: p.Graduated = on; break;
            case ProjectStage.Archived: p.Archived = on; break;
        }
        return p;
    }
}

/// <summary>What a motion on a project does to it when the vote passes.</summary>
public enum MotionKind { AcceptIntoSandbox, MoveToIncubation, Graduate, Archive, General }

public static class ProjectMoves
{
    /// <summary>Whether a motion may be opened on a project in its current stage, with the sentence when not.</summary>
    public static void EnsureMotionFits(Project project, MotionKind kind)
    {
        var fits = kind switch
        {
            MotionKind.AcceptIntoSandbox => project.Stage == ProjectStage.Applied,
            MotionKind.MoveToIncubation => project.Stage is ProjectStage.Applied or ProjectStage.Sandbox,
            MotionKind.Graduate => project.Stage == ProjectStage.Incubating,
            MotionKind.Archive => project.Stage != ProjectStage.Archived,
            _ => true,
        };
        if (!fits) throw new CommandRefused($"{project.Name} is {project.Stage}; a motion to {Describe(kind)} does not apply.");
    }

    /// <summary>The stage event a passed motion records on the project, in the same transaction as the vote's close.</summary>
    public static object? MoveFor(Project project, MotionKind kind, DateOnly on, Guid voteId) => kind switch
    {
        MotionKind.AcceptIntoSandbox => new ProjectAcceptedIntoSandbox(project.Id, on, voteId),
        MotionKind.MoveToIncubation => new ProjectMovedToIncubation(project.Id, on, voteId),
        MotionKind.Graduate => new ProjectGraduated(project.Id, on, voteId),
        MotionKind.Archive => new ProjectArchived(project.Id, project.Stage, on, voteId),
        _ => null,
    };

    public static string Describe(MotionKind kind) => kind switch
    {
        MotionKind.AcceptIntoSandbox => "accept it into the Sandbox",
        MotionKind.MoveToIncubation => "move it to Incubation",
        MotionKind.Graduate => "graduate it",
        MotionKind.Archive => "archive it",
        _ => "decide a general matter",
    };
}
