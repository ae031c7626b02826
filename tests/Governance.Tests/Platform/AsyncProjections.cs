using System.Net;
using System.Net.Http.Json;
using Governance.Features.Audit;
using Governance.Features.Membership;
using Governance.Testing;
using Marten;
using Marten.Events;

namespace Governance.Tests.Platform;

/// <summary>Async projections run as Wolverine-managed agents: on one node, or spread over several, and moved on failure.</summary>
public class AsyncProjections
{
    static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_audit_trail_holds_every_event_once_with_who_recorded_it_across_two_nodes_and_after_one_stops()
    {
        var first = new GovernanceApp();
        await ((IAsyncLifetime)first).InitializeAsync();
        await using var second = await first.StartSecondNodeAsync();

        await RecordJoinsAsync(first, "First node", 5);
        await RecordJoinsAsync(second, "Second node", 5);
        await first.Store.WaitForNonStaleProjectionDataAsync(CatchUp);
        await ThenEveryEventHasOneAuditEntry(second.Store, expected: 20);

        await ((IAsyncLifetime)first).DisposeAsync();
        await RecordJoinsAsync(second, "After the first stopped", 3);
        await second.Store.WaitForNonStaleProjectionDataAsync(CatchUp);

        await ThenEveryEventHasOneAuditEntry(second.Store, expected: 26);
        await using var session = second.Store.QuerySession();
        var joined = await session.Query<AuditEntry>().Where(e => e.What == "Member joined").ToListAsync();
        Assert.All(joined, entry =>
        {
            Assert.Equal(GovernanceApp.Staff.DisplayName, entry.RecordedBy);
            Assert.Equal(GovernanceApp.Staff.Id, entry.ActorId);
            Assert.NotNull(entry.CorrelationId);
            Assert.NotNull(entry.EffectiveDate);
        });
    }

    static async Task RecordJoinsAsync(GovernanceApp node, string prefix, int count)
    {
        var staff = await node.ClientAsync(GovernanceApp.Staff);
        for (var i = 0; i < count; i++)
        {
            var response = await staff.PostAsJsonAsync("/api/membership/joins",
                new RecordJoin($"{prefix} {i}", null, "Silver", DateOnly.FromDateTime(DateTime.UtcNow), null));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
    }

    static async Task ThenEveryEventHasOneAuditEntry(IDocumentStore store, int expected)
    {
        await using var session = store.QuerySession();
        var events = await session.Events.QueryAllRawEvents().Select(e => e.Id).ToListAsync();
        var entries = await session.Query<AuditEntry>().Select(e => e.Id).ToListAsync();
        Assert.Equal(expected, events.Count);
        Assert.Equal(events.Order(), entries.Order());
    }
}
