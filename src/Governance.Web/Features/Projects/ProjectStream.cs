using Governance.Platform;
using JasperFx.Events;
using Marten;

namespace Governance.Features.Projects;

/// <summary>A command that changes an existing project, made against the version the person saw.</summary>
public interface IProjectCommand
{
    Guid ProjectId { get; }
    long ExpectedVersion { get; }
}

public static class ProjectStream
{
    /// <summary>
    /// The project's stream for appending, refused with who changed it and when if it moved since the person
    /// loaded it. Marten checks the version again at commit, which catches an edit in between.
    /// </summary>
    public static async Task<IEventStream<Project>> FetchForChangeAsync(IDocumentSession session, IProjectCommand command)
    {
        var stream = await session.Events.FetchForWriting<Project>(command.ProjectId);
        var project = stream.Aggregate ?? throw new CommandRefused("There is no such project.");
        if (stream.CurrentVersion != command.ExpectedVersion)
            throw new CommandRefused(
                $"{project.Name} was changed by {project.LastChangedBy ?? "someone"} at {project.LastChangedAt:yyyy-MM-dd HH:mm} UTC after you opened it; reload to see the change.");
        return stream;
    }

    /// <summary>Decides on the project as the person saw it and appends the resulting event.</summary>
    public static async Task ChangeAsync<TCommand>(IDocumentSession session, TCommand command, Func<Project, object> decide)
        where TCommand : IProjectCommand
    {
        var stream = await FetchForChangeAsync(session, command);
        stream.AppendOne(decide(stream.Aggregate!));
    }

    public static string Required(string? text, string what) =>
        string.IsNullOrWhiteSpace(text) ? throw new CommandRefused($"Enter {what}.") : text.Trim();
}
