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
    /// <summary>The project's stream for appending, as the person saw it (see <see cref="VersionedStream"/>).</summary>
    public static Task<IEventStream<Project>> FetchForChangeAsync(IDocumentSession session, IProjectCommand command) =>
        VersionedStream.FetchForChangeAsync<Project>(session, command.ProjectId, command.ExpectedVersion, "There is no such project.");

    /// <summary>Decides on the project as the person saw it and appends the resulting event.</summary>
    public static async Task ChangeAsync<TCommand>(IDocumentSession session, TCommand command, Func<Project, object> decide)
        where TCommand : IProjectCommand
    {
        var stream = await FetchForChangeAsync(session, command);
        stream.AppendOne(decide(stream.Aggregate!));
    }
}
