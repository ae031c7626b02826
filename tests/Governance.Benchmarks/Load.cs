using System.Diagnostics;

namespace Governance.Benchmarks;

/// <summary>What one load step measured: completed operations, events written, conflicts, and latencies.</summary>
public sealed record LoadResult(string Step, int Callers, int Operations, int Events, int Conflicts, TimeSpan Elapsed, double[] LatenciesMs)
{
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;
    public double OperationsPerSecond => Operations / Elapsed.TotalSeconds;
    public double Percentile(double p)
    {
        if (LatenciesMs.Length == 0) return double.NaN;
        var sorted = LatenciesMs.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];
    }
}

/// <summary>
/// A small closed-loop load driver: <c>callers</c> concurrent loops run an operation back to back for a fixed
/// time after a warm-up, each operation timed on its own. An operation returns the events it wrote; one that
/// throws a conflict counts as a conflict, not an error.
/// </summary>
public static class Load
{
    public static async Task<LoadResult> RunAsync(string step, int callers, TimeSpan duration, TimeSpan warmUp,
        Func<int, long, Task<int>> operation, Func<Exception, bool>? isConflict = null)
    {
        var latencies = new List<double>[callers];
        var events = new int[callers];
        var operations = new int[callers];
        var conflicts = new int[callers];
        var measuring = false;
        var stop = false;
        long sequence = 0;

        var loops = Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            latencies[caller] = [];
            while (!Volatile.Read(ref stop))
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var written = await operation(caller, Interlocked.Increment(ref sequence));
                    if (!Volatile.Read(ref measuring)) continue;
                    events[caller] += written;
                    operations[caller]++;
                    latencies[caller].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (Exception e) when (isConflict?.Invoke(e) == true)
                {
                    if (Volatile.Read(ref measuring)) conflicts[caller]++;
                }
            }
        })).ToArray();

        await Task.Delay(warmUp);
        Volatile.Write(ref measuring, true);
        var clock = Stopwatch.StartNew();
        await Task.Delay(duration);
        Volatile.Write(ref measuring, false);
        var elapsed = clock.Elapsed;
        Volatile.Write(ref stop, true);
        await Task.WhenAll(loops);

        return new LoadResult(step, callers, operations.Sum(), events.Sum(), conflicts.Sum(), elapsed,
            latencies.SelectMany(l => l).ToArray());
    }
}
