using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Governance.Platform;

/// <summary>
/// A private PostgreSQL cluster run from the server binaries installed on the machine: the zero-setup
/// default for `dotnet run` and the fallback database for tests. PostgreSQL refuses to run as root, so
/// when we are root the cluster belongs to, and runs as, the `postgres` user.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    const string SuperUser = "governance";
    readonly string dataDirectory;
    readonly string binDirectory;
    readonly bool deleteOnStop;
    bool running;

    EmbeddedPostgres(string dataDirectory, string binDirectory, int port, string password, bool deleteOnStop)
    {
        this.dataDirectory = dataDirectory;
        this.binDirectory = binDirectory;
        this.deleteOnStop = deleteOnStop;
        Port = port;
        ConnectionString = $"Host=127.0.0.1;Port={port};Username={SuperUser};Password={password};Database=postgres";
    }

    public int Port { get; }

    /// <summary>Connection string to the cluster's `postgres` database as its superuser.</summary>
    public string ConnectionString { get; }

    /// <summary>
    /// Starts (creating on first use) a cluster in <paramref name="dataDirectory"/>. A throwaway cluster
    /// runs without fsync and is deleted when stopped.
    /// </summary>
    public static async Task<EmbeddedPostgres> StartAsync(string dataDirectory, bool throwaway = false)
    {
        var bin = FindBinaries() ?? throw new DatabaseUnavailable(
            "No database configured and no PostgreSQL server binaries found. Either set " +
            "ConnectionStrings__Governance to a PostgreSQL 15+ database, or install the server " +
            "(Debian/Ubuntu: `apt-get install postgresql`; or set GOVERNANCE_PG_BIN to the folder holding pg_ctl).");

        dataDirectory = Path.GetFullPath(dataDirectory);
        var cluster = Path.Combine(dataDirectory, "cluster");
        var passwordFile = Path.Combine(dataDirectory, "password");
        Directory.CreateDirectory(dataDirectory);

        if (!File.Exists(Path.Combine(cluster, "PG_VERSION")))
        {
            var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            await File.WriteAllTextAsync(passwordFile, password);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            GiveToServerUser(dataDirectory);
            await RunAsync(bin, "initdb", $"-D \"{cluster}\" -U {SuperUser} --auth=scram-sha-256 --pwfile=\"{passwordFile}\" -E UTF8 --locale=C.UTF-8");
        }
        else
        {
            // A previous run that crashed may have left its server running; stop it so we own the port choice.
            await RunAsync(bin, "pg_ctl", $"stop -D \"{cluster}\" -m fast", allowFailure: true);
        }

        var port = FreePort();
        var options = $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''" +
                      (throwaway ? " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" : "");
        await RunAsync(bin, "pg_ctl", $"start -w -t 60 -D \"{cluster}\" -l \"{Path.Combine(cluster, "server.log")}\" -o \"{options}\"");

        var embedded = new EmbeddedPostgres(dataDirectory, bin, port, (await File.ReadAllTextAsync(passwordFile)).Trim(), throwaway)
        {
            running = true
        };
        return embedded;
    }

    public async Task StopAsync()
    {
        if (!running) return;
        running = false;
        await RunAsync(binDirectory, "pg_ctl", $"stop -D \"{Path.Combine(dataDirectory, "cluster")}\" -m fast", allowFailure: true);
        if (deleteOnStop) Directory.Delete(dataDirectory, recursive: true);
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    static string? FindBinaries()
    {
        var configured = Environment.GetEnvironmentVariable("GOVERNANCE_PG_BIN");
        if (!string.IsNullOrEmpty(configured)) return File.Exists(Path.Combine(configured, "pg_ctl")) ? configured : null;

        const string debianRoot = "/usr/lib/postgresql";
        var installed = Directory.Exists(debianRoot)
            ? Directory.GetDirectories(debianRoot)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(x => x.Version >= 15 && File.Exists(Path.Combine(x.Dir, "pg_ctl")))
                .OrderByDescending(x => x.Version)
                .Select(x => x.Dir)
                .FirstOrDefault()
            : null;
        return installed ?? (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(p => File.Exists(Path.Combine(p, "pg_ctl")) && File.Exists(Path.Combine(p, "initdb")));
    }

    static bool IsRoot => Environment.UserName == "root";

    static void GiveToServerUser(string directory)
    {
        if (!IsRoot || OperatingSystem.IsWindows()) return;
        Run("chown", $"-R postgres: \"{directory}\"");
        // The server user must be able to reach the folder: make each parent traversable.
        for (var dir = Path.GetDirectoryName(directory); dir is not null && dir != "/"; dir = Path.GetDirectoryName(dir))
            File.SetUnixFileMode(dir, File.GetUnixFileMode(dir) | UnixFileMode.OtherExecute);
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static Task RunAsync(string bin, string tool, string arguments, bool allowFailure = false)
    {
        var executable = Path.Combine(bin, tool);
        return IsRoot
            ? Task.Run(() => Run("runuser", $"-u postgres -- \"{executable}\" {arguments}", allowFailure))
            : Task.Run(() => Run(executable, arguments, allowFailure));
    }

    static void Run(string file, string arguments, bool allowFailure = false)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0 && !allowFailure)
            throw new InvalidOperationException(
                $"`{file} {arguments}` failed with exit code {process.ExitCode}: {error.Result.Trim()} {output.Result.Trim()}");
    }
}
