using Wolverine.Attributes;
using Governance.Platform;
using Governance.Platform.Accounts;
using Marten;

namespace Governance.Features.Projects;

/// <summary>
/// Staff enter a project the foundation accepted before the portal, with the dates its records show
/// (landscape.yml's extra.accepted, incubating, graduated, archived). No vote is claimed for those moves.
/// </summary>
public sealed record RecordProjectFromRecords(string Name, string Description, string? RepoUrl, string? HomepageUrl,
    DateOnly? Accepted, DateOnly? Incubating, DateOnly? Graduated, DateOnly? Archived, string Source) : IStaffCommand;

[WolverineHandler]
public static class ProjectFromRecords
{
    public static IReadOnlyList<object> Decide(RecordProjectFromRecords c, Guid id, bool slugTaken, DateOnly today, ProjectRules rules)
    {
        var source = CommandRefused.Required(c.Source, "where these dates come from");
        var first = c.Accepted ?? c.Incubating ?? throw new CommandRefused("A project from the records has the date it was accepted.");
        DateOnly?[] dates = [c.Accepted, c.Incubating, c.Graduated, c.Archived];
        if (dates.Any(d => d > today)) throw new CommandRefused("Dates from the records cannot be in the future.");
        if (c.Graduated is not null && c.Incubating is null) throw new CommandRefused("A graduated project has the date it moved to Incubation.");
        var ordered = dates.Take(3).Where(d => d is not null).ToList();
        if (!ordered.SequenceEqual(ordered.Order()) || (c.Archived is { } archived && ordered.Any(d => d > archived)))
            throw new CommandRefused("The dates are out of order: accepted, incubating, graduated, then archived.");

        var applied = ApplyProjectHandler.Decide(new ApplyProject(c.Name, c.Description, c.RepoUrl, c.HomepageUrl,
            c.Accepted is null ? ProjectStage.Incubating : ProjectStage.Sandbox), id, slugTaken, rules).OfType<ProjectApplied>().Single();
        var reason = $"From the records: {source}";
        List<object> events = [applied with { AppliedOn = first }];
        if (c.Accepted is { } accepted) events.Add(new ProjectAcceptedIntoSandbox(id, accepted, null, reason));
        if (c.Incubating is { } incubating) events.Add(new ProjectMovedToIncubation(id, incubating, null, reason));
        if (c.Graduated is { } graduated) events.Add(new ProjectGraduated(id, graduated, null, reason));
        if (c.Archived is { } archivedOn)
            events.Add(new ProjectArchived(id, c.Graduated is not null ? ProjectStage.Graduated : c.Incubating is not null ? ProjectStage.Incubating : ProjectStage.Sandbox,
                archivedOn, null, reason));
        return events;
    }

    public static async Task<Guid> Handle(RecordProjectFromRecords command, IDocumentSession session, ProjectRules rules, TimeProvider clock)
    {
        var slug = ApplyProjectHandler.SlugOf(command.Name ?? "");
        var taken = await session.Query<Project>().AnyAsync(p => p.Slug == slug);
        var id = Guid.CreateVersion7();
        session.Events.StartStream<Project>(id, Decide(command, id, taken, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), rules));
        return id;
    }
}
