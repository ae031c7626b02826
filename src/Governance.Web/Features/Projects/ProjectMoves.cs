using Governance.Platform;

namespace Governance.Features.Projects;

/// <summary>What a motion on a project does to it when the vote passes.</summary>
public enum MotionKind { AcceptIntoSandbox, MoveToIncubation, Graduate, Archive, General, Reactivate }

public static class ProjectMoves
{
    /// <summary>Whether a motion may be opened on a project as it stands today, with the sentence when not.</summary>
    public static void EnsureMotionFits(Project project, MotionKind kind)
    {
        var fits = kind switch
        {
            MotionKind.AcceptIntoSandbox => project.Stage == ProjectStage.Applied,
            MotionKind.MoveToIncubation => project.Stage is ProjectStage.Applied or ProjectStage.Sandbox,
            MotionKind.Graduate => project.Stage == ProjectStage.Incubating,
            MotionKind.Archive => project.Stage != ProjectStage.Archived,
            MotionKind.Reactivate => project.Stage == ProjectStage.Archived,
            _ => true,
        };
        if (!fits) throw new CommandRefused($"{project.Name} is {project.Stage}; a motion to {Describe(kind)} does not apply.");
    }

    /// <summary>
    /// Whether the process before the vote is complete: an application in the queue that waits on nobody but
    /// the TOC, or for a higher level a sponsored due diligence with every required criterion met after both
    /// comment periods have closed.
    /// </summary>
    public static void EnsureReadyForVote(Project project, MotionKind kind, DateOnly today)
    {
        EnsureMotionFits(project, kind);
        if (kind == MotionKind.AcceptIntoSandbox && !project.AwaitingToc)
            throw new CommandRefused($"{project.Name}'s application is {project.Application}: {project.NextStep(today)}.");
        if (kind is not (MotionKind.MoveToIncubation or MotionKind.Graduate)) return;

        var target = kind == MotionKind.Graduate ? ProjectStage.Graduated : ProjectStage.Incubating;
        if (project.Level is not { } level || level.Target != target)
            throw new CommandRefused($"{project.Name} has no open application to reach {target}.");
        if (!level.SponsoredWithoutConflict) throw new CommandRefused($"{project.Name} needs a TOC sponsor without a conflict of interest.");
        if (level.RequiredMissing.Select(c => c.Text).ToList() is { Count: > 0 } missing)
            throw new CommandRefused($"Due diligence is incomplete: {string.Join("; ", missing)}.");
        if (level.PublicCommentCloses is not { } closes) throw new CommandRefused($"{project.Name}'s public comment period has not been opened.");
        if (closes > today) throw new CommandRefused($"{project.Name}'s public comment period runs until {closes:yyyy-MM-dd}.");
    }

    /// <summary>The stage event a passed motion records on the project, in the same transaction as the vote's close.</summary>
    public static object? MoveFor(Project project, MotionKind kind, DateOnly on, Guid voteId, string? reason = null) => kind switch
    {
        MotionKind.AcceptIntoSandbox => new ProjectAcceptedIntoSandbox(project.Id, on, voteId, reason),
        MotionKind.MoveToIncubation => new ProjectMovedToIncubation(project.Id, on, voteId, reason),
        MotionKind.Graduate => new ProjectGraduated(project.Id, on, voteId, reason),
        MotionKind.Archive => new ProjectArchived(project.Id, project.Stage, on, voteId, reason),
        MotionKind.Reactivate => new ProjectReactivated(project.Id, on, voteId, reason),
        _ => null,
    };

    /// <summary>A failed vote on an application declines it, with the tally as its published reason.</summary>
    public static bool FailureDeclines(MotionKind kind) =>
        kind is MotionKind.AcceptIntoSandbox or MotionKind.MoveToIncubation or MotionKind.Graduate;

    public static string Describe(MotionKind kind) => kind switch
    {
        MotionKind.AcceptIntoSandbox => "accept it into the Sandbox",
        MotionKind.MoveToIncubation => "move it to Incubation",
        MotionKind.Graduate => "graduate it",
        MotionKind.Archive => "archive it",
        MotionKind.Reactivate => "reactivate it in the Sandbox",
        _ => "decide a general matter",
    };
}
