using System.Collections.Concurrent;
using System.Diagnostics;
using Governance.Features.Audit;
using Governance.Features.Membership;
using Governance.Platform.Accounts;
using Governance.Testing;
using JasperFx;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine;

namespace Governance.Benchmarks;

/// <summary>
/// Async projections: how long after a command commits its events reach the audit trail under a steady load,
/// whether any event was skipped, and how fast the trail rebuilds from all events compared with a plain read.
/// </summary>
public static class AsyncLag
{
    public sealed record LagResult(int Commands, double[] LagsMs, long Skips)
    {
        public double Percentile(double p) => LagsMs.Length == 0 ? double.NaN
            : LagsMs.Order().ElementAt(Math.Min(LagsMs.Length - 1, (int)Math.Ceiling(p / 100 * LagsMs.Length) - 1));
    }

    /// <summary>Sends <paramref name="perSecond"/> joins a second for <paramref name="duration"/> while watching the trail.</summary>
    public static async Task<LagResult> MeasureAsync(GovernanceApp app, int perSecond, TimeSpan duration)
    {
        var committed = new ConcurrentDictionary<string, long>();
        var lags = new ConcurrentBag<double>();
        var sending = true;
        var drainUntil = DateTime.MaxValue;
        var watcher = Task.Run(async () =>
        {
            long seen = await MaxSequenceAsync(app.Store);
            while (Volatile.Read(ref sending) || (!committed.IsEmpty && DateTime.UtcNow < drainUntil))
            {
                await using var session = app.Store.QuerySession();
                var arrived = await session.Query<AuditEntry>().Where(e => e.Sequence > seen && e.What == "Member joined")
                    .Select(e => new { e.Sequence, e.StreamKey }).ToListAsync();
                var now = Stopwatch.GetTimestamp();
                foreach (var entry in arrived)
                {
                    seen = Math.Max(seen, entry.Sequence);
                    if (committed.TryRemove(entry.StreamKey, out var at)) lags.Add(Stopwatch.GetElapsedTime(at, now).TotalMilliseconds);
                }
                await Task.Delay(5);
            }
        });

        var interval = TimeSpan.FromSeconds(1.0 / perSecond);
        var sent = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var id = await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync<Guid>(
                new RecordJoin($"Lag probe {Guid.NewGuid():N}", null, "Silver", DateOnly.FromDateTime(DateTime.UtcNow), null),
                new DeliveryOptions().WithHeader(CommandAuthorization.ActorHeader, GovernanceApp.Staff.Id));
            committed[id.ToString()] = Stopwatch.GetTimestamp();
            sent++;
            var next = interval * sent - clock.Elapsed;
            if (next > TimeSpan.Zero) await Task.Delay(next);
        }
        drainUntil = DateTime.UtcNow.AddSeconds(30);
        Volatile.Write(ref sending, false);
        await watcher;

        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var skips = new NpgsqlCommand("select count(*) from governance.mt_high_water_skips", connection);
        return new LagResult(sent, lags.ToArray(), (long)(await skips.ExecuteScalarAsync())!);
    }

    static async Task<long> MaxSequenceAsync(IDocumentStore store)
    {
        await using var session = store.QuerySession();
        return await session.Query<AuditEntry>().Select(e => e.Sequence).OrderByDescending(s => s).FirstOrDefaultAsync();
    }

    /// <summary>The rebuild baseline: every event's JSON read sequentially with plain Npgsql.</summary>
    public static async Task<TimeSpan> PlainReadAsync(string connectionString)
    {
        var read = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select seq_id, type, data from governance.mt_events order by seq_id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) _ = reader.GetString(2);
        return read.Elapsed;
    }
}
