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

    [Fact]
    public async Task A_killed_node_process_loses_nothing_the_survivor_projects_every_event_exactly_once()
    {
        var survivor = new GovernanceApp();
        await ((IAsyncLifetime)survivor).InitializeAsync();
        await using var _ = survivor;
        using var other = await NodeProcess.StartAsync(survivor.ConnectionString);

        await RecordJoinsAsync(survivor.BaseAddress, "Survivor", 4);
        await RecordJoinsAsync(other.BaseAddress, "Other process", 4);
        await survivor.Store.WaitForNonStaleProjectionDataAsync(CatchUp);
        await ThenEveryEventHasOneAuditEntry(survivor.Store, expected: 16);

        other.Kill(); // no shutdown: its agents, leadership and connections vanish mid-flight
        await RecordJoinsAsync(survivor.BaseAddress, "After the kill", 3);
        await survivor.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(3));
        await ThenEveryEventHasOneAuditEntry(survivor.Store, expected: 22);
    }

    /// <summary>The portal as a separate operating-system process, built next to the tests, on a free port.</summary>
    sealed class NodeProcess : IDisposable
    {
        readonly System.Diagnostics.Process process;

        public Uri BaseAddress { get; }

        NodeProcess(System.Diagnostics.Process process, Uri baseAddress) => (this.process, BaseAddress) = (process, baseAddress);

        public static async Task<NodeProcess> StartAsync(string connectionString)
        {
            // tests/Governance.Tests/bin/<Configuration>/<tfm>/ → src/Governance.Web/bin/<Configuration>/<tfm>/
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var root = output.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
            var web = Path.Combine(root, "src", "Governance.Web");
            var dll = Path.Combine(web, "bin", output.Parent.Name, output.Name, "Governance.Web.dll");
            using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var start = new System.Diagnostics.ProcessStartInfo("dotnet", ["exec", dll]) { WorkingDirectory = web, RedirectStandardOutput = true, RedirectStandardError = true };
            start.Environment["ConnectionStrings__Governance"] = connectionString;
            start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            start.Environment["Demo__SeedOnStart"] = "false";
            var process = System.Diagnostics.Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var node = new NodeProcess(process, new Uri($"http://127.0.0.1:{port}"));
            using var client = new HttpClient { BaseAddress = node.BaseAddress };
            for (var i = 0; i < 300; i++)
            {
                if (process.HasExited) throw new InvalidOperationException($"The node process exited with {process.ExitCode}.");
                try
                {
                    if ((await client.GetAsync("/health")).IsSuccessStatusCode) return node;
                }
                catch (HttpRequestException) { }
                await Task.Delay(200);
            }
            node.Dispose();
            throw new TimeoutException("The node process did not answer /health within a minute.");
        }

        public void Kill()
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        public void Dispose()
        {
            if (!process.HasExited) Kill();
            process.Dispose();
        }
    }

    static Task RecordJoinsAsync(GovernanceApp node, string prefix, int count) => RecordJoinsAsync(node.BaseAddress, prefix, count);

    static async Task RecordJoinsAsync(Uri node, string prefix, int count)
    {
        var staff = await GovernanceApp.ClientAsync(node, GovernanceApp.Staff);
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
