using System.Text.RegularExpressions;
using Governance.Features.Membership;
using Governance.Platform;
using Governance.Platform.Accounts;
using Marten;

namespace Governance.Features.Projects;

/// <summary>A TOC member records a project's application, for the Sandbox or directly for Incubation.</summary>
public sealed record ApplyProject(string Name, string Description, string? RepoUrl, string? HomepageUrl, ProjectStage RequestedStage) : ITocCommand;

public static class ApplyProjectHandler
{
    public static ProjectApplied Decide(ApplyProject command, Guid id, bool slugTaken)
    {
        var name = command.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100) throw new CommandRefused("Enter the project's name (at most 100 characters).");
        if (string.IsNullOrWhiteSpace(command.Description)) throw new CommandRefused("Describe the project in a sentence.");
        if (command.RequestedStage is not (ProjectStage.Sandbox or ProjectStage.Incubating))
            throw new CommandRefused("A project applies for the Sandbox or for Incubation.");
        var slug = SlugOf(name);
        if (slugTaken) throw new CommandRefused($"A project named \"{name}\" is already on record.");
        return new ProjectApplied(id, name, slug, command.Description.Trim(),
            ChangeOrganizationDetailsHandler.WebAddress(command.RepoUrl, "repository URL"),
            ChangeOrganizationDetailsHandler.WebAddress(command.HomepageUrl, "homepage URL"), command.RequestedStage);
    }

    public static string SlugOf(string name) => Regex.Replace(name.Trim().ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-');

    public static async Task<Guid> Handle(ApplyProject command, IDocumentSession session)
    {
        var slug = SlugOf(command.Name ?? "");
        var taken = await session.Query<Project>().AnyAsync(p => p.Slug == slug);
        var id = Guid.CreateVersion7();
        session.Events.StartStream(id, Decide(command, id, taken));
        return id;
    }
}
