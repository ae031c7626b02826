using JasperFx.Events;
using Marten;

namespace Governance.Platform;

/// <summary>A record people edit against the version they saw, named and stamped so a lost race can be explained.</summary>
public interface IChangeTracked
{
    string DisplayName { get; }
    string? LastChangedBy { get; }
    DateTimeOffset LastChangedAt { get; }
}

public static class VersionedStream
{
    /// <summary>
    /// The stream for appending, refused with who changed it and when if it moved since the person loaded it.
    /// Marten checks the version again at commit, which catches an edit in between.
    /// </summary>
    public static async Task<IEventStream<T>> FetchForChangeAsync<T>(IDocumentSession session, Guid id, long expectedVersion, string notFound)
        where T : class, IChangeTracked
    {
        var stream = await session.Events.FetchForWriting<T>(id);
        var record = stream.Aggregate ?? throw new CommandRefused(notFound);
        if (stream.CurrentVersion != expectedVersion)
            throw new CommandRefused(
                $"{record.DisplayName} was changed by {record.LastChangedBy ?? "someone"} at {record.LastChangedAt:yyyy-MM-dd HH:mm} UTC after you opened it; reload to see the change.");
        return stream;
    }
}
