using Governance.Platform;
using Testcontainers.PostgreSql;

namespace Governance.Testing;

/// <summary>
/// The PostgreSQL server the tests use, found once per test run in this order: a server connection string in
/// GOVERNANCE_TEST_DATABASE (CI and .ci/run start a local cluster), a Testcontainers container where a Docker
/// engine answers, a throwaway cluster from the installed server binaries. Each test class gets a database of
/// its own on that server.
/// </summary>
public static class TestDatabase
{
    public const string Variable = "GOVERNANCE_TEST_DATABASE";
    static readonly Lazy<Task<string>> Server = new(FindServerAsync);
    static readonly List<IAsyncDisposable> Started = [];

    /// <summary>Creates a fresh database and returns a connection string to it.</summary>
    public static async Task<string> CreateAsync(string purpose)
    {
        var server = await Server.Value;
        var name = $"t{Guid.NewGuid():N}_{purpose.ToLowerInvariant()}";
        name = name[..Math.Min(name.Length, 63)];
        return await GovernanceDatabase.CreateDatabaseIfMissingAsync(server, name);
    }

    const string ClusterPrefix = "governance-tests-";

    /// <summary>The test host may be ended before a cluster's folder is deleted; the next run removes it.</summary>
    static void RemoveClustersOfEndedRuns()
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), ClusterPrefix + "*"))
        {
            var pid = int.TryParse(Path.GetFileName(folder)[ClusterPrefix.Length..].Split('-')[0], out var p) ? p : 0;
            if (pid == 0 || ProcessIsRunning(pid)) continue;
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    static bool ProcessIsRunning(int pid)
    {
        try { return !System.Diagnostics.Process.GetProcessById(pid).HasExited; }
        catch (ArgumentException) { return false; }
    }

    static async Task<string> FindServerAsync()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var started in Started) started.DisposeAsync().AsTask().GetAwaiter().GetResult();
        };

        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(configured)) return configured;

        var failures = new List<string>();
        try
        {
            var container = new PostgreSqlBuilder("postgres:16-alpine").Build();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await container.StartAsync(timeout.Token);
            Started.Add(container);
            return container.GetConnectionString();
        }
        catch (Exception e)
        {
            failures.Add($"Testcontainers: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
        }

        try
        {
            RemoveClustersOfEndedRuns();
            var cluster = await EmbeddedPostgres.StartAsync(
                Path.Combine(Path.GetTempPath(), $"{ClusterPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}"), throwaway: true);
            Started.Add(cluster);
            return cluster.ConnectionString;
        }
        catch (Exception e)
        {
            failures.Add($"Local binaries: {e.Message}");
        }

        throw new InvalidOperationException(
            $"The tests need PostgreSQL 15+. Provide one of: (1) {Variable}=<connection string to a server where the " +
            "tests may create databases>; (2) a running Docker engine for Testcontainers; (3) the PostgreSQL server " +
            "binaries (apt-get install postgresql). Tried: " + string.Join("; ", failures));
    }
}
