using System.Text.RegularExpressions;
using Governance.Features.Membership;
using Governance.Platform;
using Governance.Platform.Accounts;
using Marten;

namespace Governance.Features.Projects;

/// <summary>A project's application, for the Sandbox or directly for Incubation, recorded by staff or a TOC member.</summary>
public sealed record ApplyProject(string Name, string Description, string? RepoUrl, string? HomepageUrl, ProjectStage RequestedStage,
    string? License = null, string? Category = null, IReadOnlyList<Maintainer>? Maintainers = null) : IStaffOrTocCommand;

public static class ApplyProjectHandler
{
    /// <summary>The application and, for one straight to Incubation, its level application with the due-diligence checklist.</summary>
    public static IReadOnlyList<object> Decide(ApplyProject command, Guid id, bool slugTaken, ProjectRules rules)
    {
        var name = command.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100) throw new CommandRefused("Enter the project's name (at most 100 characters).");
        if (string.IsNullOrWhiteSpace(command.Description)) throw new CommandRefused("Describe the project in a sentence.");
        if (command.RequestedStage is not (ProjectStage.Sandbox or ProjectStage.Incubating))
            throw new CommandRefused("A project applies for the Sandbox or for Incubation.");
        if (slugTaken) throw new CommandRefused($"A project named \"{name}\" is already on record.");
        var applied = new ProjectApplied(id, name, SlugOf(name), command.Description.Trim(),
            ChangeOrganizationDetailsHandler.WebAddress(command.RepoUrl, "repository URL"),
            ChangeOrganizationDetailsHandler.WebAddress(command.HomepageUrl, "homepage URL"), command.RequestedStage,
            Trimmed(command.License), Trimmed(command.Category), Maintainers(command.Maintainers));
        return command.RequestedStage == ProjectStage.Incubating
            ? [applied, new LevelApplicationFiled(id, ProjectStage.Incubating, rules.Incubation)]
            : [applied];
    }

    public static string SlugOf(string name) => Regex.Replace(name.Trim().ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-');

    public static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static IReadOnlyList<Maintainer> Maintainers(IReadOnlyList<Maintainer>? maintainers) =>
        (maintainers ?? []).Where(m => !string.IsNullOrWhiteSpace(m.Name))
            .Select(m => new Maintainer(m.Name.Trim(), m.Organization?.Trim() ?? "")).ToList();

    public static async Task<Guid> Handle(ApplyProject command, IDocumentSession session, ProjectRules rules)
    {
        var slug = SlugOf(command.Name ?? "");
        var taken = await session.Query<Project>().AnyAsync(p => p.Slug == slug);
        var id = Guid.CreateVersion7();
        session.Events.StartStream<Project>(id, Decide(command, id, taken, rules));
        return id;
    }
}
