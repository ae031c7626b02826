using System.Text.Json;
using Governance.Features.Membership;
using Governance.Platform.Accounts;
using Governance.Testing;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine;

namespace Governance.Benchmarks;

/// <summary>
/// The write ladder: the same two events per operation (an organization registered and joined), written by ever
/// more of the real stack, so each step's cost shows as a ratio to the one below it.
/// </summary>
public sealed class WriteLadder(GovernanceApp app) : IAsyncDisposable
{
    static readonly DateOnly Joined = new(2026, 1, 1);

    readonly NpgsqlDataSource npgsql = NpgsqlDataSource.Create(app.ConnectionString);
    readonly DocumentStore rich = Store(app.ConnectionString, "bench_rich", EventAppendMode.Rich, withProjection: false);
    readonly DocumentStore quick = Store(app.ConnectionString, "bench_quick", EventAppendMode.Quick, withProjection: false);
    readonly DocumentStore quickWithState = Store(app.ConnectionString, "bench_state", EventAppendMode.Quick, withProjection: true);

    public record Step(string Name, string What, Func<int, long, Task<int>> Operation);

    public IReadOnlyList<Step> Steps =>
    [
        new("L0", "Npgsql: one INSERT per event, one transaction per operation", NpgsqlSingleInsertsAsync),
        new("L1", "Npgsql: both events in one batch (one round trip)", NpgsqlBatchAsync),
        new("L2", "Marten rich append (StartStream + SaveChanges)", (_, n) => MartenStartStreamAsync(rich, n)),
        new("L3", "Marten quick append", (_, n) => MartenStartStreamAsync(quick, n)),
        new("L4", "FetchForWriting + quick append + inline directory projection", FetchForWritingAsync),
        new("L5", "RecordJoin through Wolverine: authorization, rule, append, inline projection, the lapse check in the outbox", WolverineCommandAsync),
        new("L6", "L5 through a durable local queue: the command's envelope persisted, handled, then answered", DurableQueueCommandAsync),
    ];

    public async Task PrepareAsync()
    {
        await using var command = npgsql.CreateCommand(
            "create table if not exists bench_events (seq bigserial primary key, stream_id uuid not null, version int not null, " +
            "type text not null, data jsonb not null, recorded timestamptz not null default now(), unique (stream_id, version))");
        await command.ExecuteNonQueryAsync();
        foreach (var store in new[] { rich, quick, quickWithState }) await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
    }

    static DocumentStore Store(string connection, string schema, EventAppendMode mode, bool withProjection) =>
        DocumentStore.For(options =>
        {
            options.Connection(connection);
            options.DatabaseSchemaName = schema;
            options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
            options.Events.AppendMode = mode;
            if (withProjection)
            {
                options.Schema.For<Organization>().UniqueIndex(row => row.NormalizedName);
                options.Projections.Add<OrganizationProjection>(ProjectionLifecycle.Inline);
            }
        });

    static (Guid Id, object[] Events) Payload(long n)
    {
        var id = Guid.CreateVersion7();
        return (id, [new OrganizationRegistered(id, $"Organization {n} {id:N}", "https://example.org"),
            new MemberJoined(id, "Silver", Joined, Joined.AddYears(1), null)]);
    }

    async Task<int> NpgsqlSingleInsertsAsync(int caller, long n)
    {
        var (id, events) = Payload(n);
        await using var connection = await npgsql.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        for (var version = 0; version < events.Length; version++)
        {
            await using var insert = new NpgsqlCommand(
                "insert into bench_events (stream_id, version, type, data) values ($1, $2, $3, $4::jsonb)", connection, transaction);
            AddEvent(insert.Parameters, id, version, events[version]);
            await insert.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        return events.Length;
    }

    async Task<int> NpgsqlBatchAsync(int caller, long n)
    {
        var (id, events) = Payload(n);
        await using var batch = npgsql.CreateBatch();
        for (var version = 0; version < events.Length; version++)
        {
            var insert = new NpgsqlBatchCommand("insert into bench_events (stream_id, version, type, data) values ($1, $2, $3, $4::jsonb)");
            AddEvent(insert.Parameters, id, version, events[version]);
            batch.BatchCommands.Add(insert);
        }
        await batch.ExecuteNonQueryAsync();
        return events.Length;
    }

    static void AddEvent(NpgsqlParameterCollection parameters, Guid id, int version, object @event)
    {
        parameters.AddWithValue(id);
        parameters.AddWithValue(version);
        parameters.AddWithValue(@event.GetType().Name);
        parameters.AddWithValue(JsonSerializer.Serialize(@event, @event.GetType()));
    }

    static async Task<int> MartenStartStreamAsync(DocumentStore store, long n)
    {
        var (id, events) = Payload(n);
        await using var session = store.LightweightSession();
        session.Events.StartStream(id, events);
        await session.SaveChangesAsync();
        return events.Length;
    }

    async Task<int> FetchForWritingAsync(int caller, long n)
    {
        var (id, events) = Payload(n);
        await using var session = quickWithState.LightweightSession();
        var stream = await session.Events.FetchForWriting<Organization>(id);
        stream.AppendMany(events);
        await session.SaveChangesAsync();
        return events.Length;
    }

    async Task<int> WolverineCommandAsync(int caller, long n)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        await bus.InvokeAsync<Guid>(Join(n), AsStaff);
        return 2;
    }

    async Task<int> DurableQueueCommandAsync(int caller, long n)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        await bus.EndpointFor(new Uri("local://ladder")).InvokeAsync(Join(n), AsStaff);
        return 2;
    }

    static RecordJoin Join(long n) => new($"Organization {n} {Guid.NewGuid():N}", "https://example.org", "Silver", DateOnly.FromDateTime(DateTime.UtcNow), null);

    static DeliveryOptions AsStaff => new DeliveryOptions().WithHeader(CommandAuthorization.ActorHeader, GovernanceApp.Staff.Id);

    /// <summary>Contention: every caller appends to the same stream with an expected version, or each to its own.</summary>
    public async Task<(Func<int, long, Task<int>> OneStream, Func<int, long, Task<int>> OwnStreams)> ContentionAsync(int callers)
    {
        var streams = new Guid[callers + 1];
        for (var i = 0; i < streams.Length; i++)
        {
            streams[i] = Guid.CreateVersion7();
            await using var session = quickWithState.LightweightSession();
            session.Events.StartStream(streams[i], Payload(i).Events.Select((e, _) => e switch
            {
                OrganizationRegistered r => (object)(r with { OrganizationId = streams[i] }),
                MemberJoined j => j with { OrganizationId = streams[i] },
                _ => e,
            }).ToArray());
            await session.SaveChangesAsync();
        }

        Func<int, long, Task<int>> appendTo(Func<int, Guid> streamOf) => async (caller, n) =>
        {
            var id = streamOf(caller);
            await using var session = quickWithState.LightweightSession();
            var stream = await session.Events.FetchForWriting<Organization>(id);
            stream.AppendOne(new MemberJoined(id, n % 2 == 0 ? "Gold" : "Silver", Joined, Joined.AddYears(1), null));
            await session.SaveChangesAsync();
            return 1;
        };
        return (appendTo(_ => streams[callers]), appendTo(caller => streams[caller]));
    }

    public static bool IsConflict(Exception e) => e is ConcurrencyException;

    public async ValueTask DisposeAsync()
    {
        await npgsql.DisposeAsync();
        rich.Dispose();
        quick.Dispose();
        quickWithState.Dispose();
    }
}
