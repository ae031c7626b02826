using Npgsql;

namespace Governance.Platform;

/// <summary>
/// Decides which PostgreSQL the portal talks to: the configured `ConnectionStrings:Governance`, or, when
/// none is set, the embedded cluster under the app's data folder (which then also gets the demo foundation).
/// </summary>
public static class GovernanceDatabase
{
    public const string ConnectionName = "Governance";

    /// <summary>
    /// Starts the embedded cluster when no connection string is configured and returns it (else null); with
    /// <paramref name="mustAnswer"/>, also checks that the configured database answers.
    /// </summary>
    public static async Task<EmbeddedPostgres?> PrepareAsync(WebApplicationBuilder builder, bool mustAnswer)
    {
        var configured = builder.Configuration.GetConnectionString(ConnectionName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (mustAnswer) await EnsureReachableAsync(configured);
            return null;
        }

        var folder = builder.Configuration["Embedded:DataDirectory"]
                     ?? Path.Combine(builder.Environment.ContentRootPath, ".data", "postgres");
        var embedded = await EmbeddedPostgres.StartAsync(folder);
        var connection = await CreateDatabaseIfMissingAsync(embedded.ConnectionString, "governance");
        builder.Configuration[$"ConnectionStrings:{ConnectionName}"] = connection;
        builder.Configuration["Demo:SeedOnStart"] ??= "true";
        builder.Configuration["Database:ApplyChangesOnStart"] ??= "true";
        return embedded;
    }

    /// <summary>Creates <paramref name="database"/> on the server of <paramref name="serverConnection"/> and returns a connection string to it.</summary>
    public static async Task<string> CreateDatabaseIfMissingAsync(string serverConnection, string database)
    {
        await using var connection = new NpgsqlConnection(serverConnection);
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = new NpgsqlCommand($"create database \"{database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(serverConnection) { Database = database }.ConnectionString;
    }

    /// <summary>Fails fast with one sentence that says what to fix when the configured database cannot be reached.</summary>
    static async Task EnsureReachableAsync(string connectionString)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            var target = new NpgsqlConnectionStringBuilder(connectionString);
            throw new DatabaseUnavailable(
                $"Cannot reach the database at {target.Host}:{target.Port}/{target.Database} ({e.Message}). " +
                "Check ConnectionStrings__Governance, or unset it to use the embedded PostgreSQL cluster.", e);
        }
    }
}

/// <summary>The portal has no database to run on; the message says what to install or set.</summary>
public sealed class DatabaseUnavailable(string message, Exception? inner = null) : Exception(message, inner);
