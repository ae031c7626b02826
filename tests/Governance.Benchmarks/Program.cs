using System.Globalization;
using System.Text;
using Governance.Benchmarks;
using Governance.Testing;
using Xunit;

// `dotnet run -c Release --project tests/Governance.Benchmarks [-- --seconds N]`: runs the suite on this machine
// and writes docs/performance.md. Every figure is compared with a baseline measured in the same run.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var seconds = args.SkipWhile(a => a != "--seconds").Skip(1).Select(int.Parse).FirstOrDefault(4);
var duration = TimeSpan.FromSeconds(seconds);
var warmUp = TimeSpan.FromSeconds(1);
int[] callerCounts = [1, 8, 32];

// `-- generate "<connection string>" [--small]`: only write a synthetic foundation into that database.
if (args is ["generate", var target, ..])
{
    var written = await SyntheticFoundation.WriteAsync(target, args.Contains("--small") ? Scale.Small : Scale.Large, DateOnly.FromDateTime(DateTime.UtcNow));
    Console.WriteLine($"{written.Events:N0} events in {written.Append.TotalSeconds:F0} s; projections rebuilt in {written.Rebuilds.Sum(r => r.Rebuild.TotalSeconds):F0} s.");
    return;
}

// `-- --as-of [--small]`: only each as-of page against today's on the synthetic foundation, replacing that section.
if (args.Contains("--as-of"))
{
    var database = await TestDatabase.CreateAsync("synthetic");
    var size = args.Contains("--small") ? Scale.Small : Scale.Large;
    var foundation = await SyntheticFoundation.WriteAsync(database, size, DateOnly.FromDateTime(DateTime.UtcNow));
    await using var grown = GovernanceApp.On(database);
    await ((IAsyncLifetime)grown).InitializeAsync();
    // Halfway through the foundation's history: five years back at the large scale.
    var day = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-size.Years / 2);
    var pairs = await AsOfBenchmark.RunAsync(grown, day, duration, warmUp);
    await ReplaceSectionAsync("## As of a date", AsOfBenchmark.Section(pairs, day, foundation.Events));
    return;
}

var app = new GovernanceApp();
await ((IAsyncLifetime)app).InitializeAsync();

// `-- --landscape`: only the landscape import and public page figures, replacing that section of docs/performance.md.
if (args.Contains("--landscape"))
{
    var figures = await LandscapeBenchmark.RunAsync(app, duration, warmUp);
    await ((IAsyncLifetime)app).DisposeAsync();
    await ReplaceSectionAsync("## Landscape import", LandscapeBenchmark.Section(figures));
    return;
}


await using var ladder = new WriteLadder(app);
await ladder.PrepareAsync();

var results = new List<LoadResult>();
foreach (var step in ladder.Steps)
foreach (var callers in callerCounts)
{
    var result = await Load.RunAsync(step.Name, callers, duration, warmUp, step.Operation);
    results.Add(result);
    Console.WriteLine($"{step.Name} x{callers,-2}: {result.EventsPerSecond,8:F0} events/s  p50 {result.Percentile(50),6:F2} ms  p99 {result.Percentile(99),6:F2} ms");
}

const int contenders = 32;
var (oneStream, ownStreams) = await ladder.ContentionAsync(contenders);
var contention = new[]
{
    await Load.RunAsync("one stream", contenders, duration, warmUp, oneStream, WriteLadder.IsConflict),
    await Load.RunAsync("own streams", contenders, duration, warmUp, ownStreams, WriteLadder.IsConflict),
};
foreach (var c in contention)
    Console.WriteLine($"{c.Step}: {c.OperationsPerSecond:F0} appends/s, conflicts {ConflictRate(c):P1}, p95 {c.Percentile(95):F2} ms");

var lag = await AsyncLag.MeasureAsync(app, perSecond: 20, duration: duration * 3);
Console.WriteLine($"async lag: {lag.Commands} commands, p50 {lag.Percentile(50):F0} ms  p95 {lag.Percentile(95):F0} ms  p99 {lag.Percentile(99):F0} ms, skips {lag.Skips}");
await ((IAsyncLifetime)app).DisposeAsync();

// The large, old foundation: generated, every projection rebuilt, then read under load.
var scale = args.Contains("--small") ? Scale.Small : Scale.Large;
var synthetic = await TestDatabase.CreateAsync("synthetic");
var generated = await SyntheticFoundation.WriteAsync(synthetic, scale, DateOnly.FromDateTime(DateTime.UtcNow));
var plainRead = await AsyncLag.PlainReadAsync(synthetic);
Console.WriteLine($"synthetic: {generated.Events:N0} events appended in {generated.Append.TotalSeconds:F1} s; plain read {plainRead.TotalSeconds:F1} s; " +
                  string.Join(", ", generated.Rebuilds.Select(r => $"{r.Projection} {r.Rebuild.TotalSeconds:F1} s")));

await using var large = GovernanceApp.On(synthetic);
await ((IAsyncLifetime)large).InitializeAsync();
const int readers = 16;
var reads = new List<LoadResult>();
var pagePaths = await ReadPath.PagesAsync(large);
foreach (var callers in new[] { 1, readers })
foreach (var (name, pagePath) in pagePaths)
{
    var read = await Load.RunAsync(name, callers, duration, warmUp, await ReadPath.RequestAsync(large, pagePath));
    reads.Add(read);
    Console.WriteLine($"{name} x{callers}: {read.OperationsPerSecond:F0} requests/s  p50 {read.Percentile(50):F2} ms  p99 {read.Percentile(99):F2} ms");
}
var circuits = await Circuits.MeasureAsync(large, count: 20);
Console.WriteLine($"circuits: {circuits.Count} open dashboards, {circuits.BytesPerCircuit / 1024.0:F0} KiB managed memory each");

var report = Report(ladder.Steps, results, contention, reads);
var path = Path.Combine(FindRepositoryRoot(), "docs", "performance.md");
// The landscape and as-of figures come from their own runs (`-- --landscape`, `-- --as-of`); keep them.
var previous = File.Exists(path) ? await File.ReadAllTextAsync(path) : "";
if (previous.IndexOf("## Landscape import", StringComparison.Ordinal) is var landscape and >= 0) report = report.TrimEnd() + "\n\n" + previous[landscape..];
await File.WriteAllTextAsync(path, report);
Console.WriteLine($"Wrote {path}");
return;

static double ConflictRate(LoadResult r) => r.Operations + r.Conflicts == 0 ? 0 : (double)r.Conflicts / (r.Operations + r.Conflicts);

string Report(IReadOnlyList<WriteLadder.Step> steps, List<LoadResult> ladderResults, LoadResult[] contended, List<LoadResult> pages)
{
    var text = new StringBuilder();
    text.AppendLine("# Performance");
    text.AppendLine();
    text.AppendLine("Written by `dotnet run -c Release --project tests/Governance.Benchmarks` " +
                    $"({seconds} s per cell after {warmUp.TotalSeconds:F0} s warm-up). Machine: {Machine()}.");
    text.AppendLine("Figures from one run on a shared, noisy machine: read the ratios, which compare steps measured minutes apart in the same run, not the absolute numbers.");
    text.AppendLine();
    text.AppendLine("## Write ladder");
    text.AppendLine();
    text.AppendLine("The same two events per operation (an organization registered and joined), to a new stream each time.");
    text.AppendLine();
    text.AppendLine("| step | what | callers | events/s | p50 ms | p99 ms | × previous step | × L0 |");
    text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
    foreach (var callers in callerCounts)
    {
        LoadResult? previous = null;
        var baseline = ladderResults.Single(r => r.Step == "L0" && r.Callers == callers);
        foreach (var step in steps)
        {
            var r = ladderResults.Single(x => x.Step == step.Name && x.Callers == callers);
            text.AppendLine($"| {step.Name} | {step.What} | {callers} | {r.EventsPerSecond:F0} | {r.Percentile(50):F2} | {r.Percentile(99):F2} | " +
                            $"{(previous is null ? "1.00" : (r.EventsPerSecond / previous.EventsPerSecond).ToString("F2"))} | {r.EventsPerSecond / baseline.EventsPerSecond:F2} |");
            previous = r;
        }
    }
    text.AppendLine();
    text.AppendLine($"## Contention: {contenders} callers, FetchForWriting + append with the expected version");
    text.AppendLine();
    text.AppendLine("| streams | appends/s | conflict rate | p95 ms | × own streams |");
    text.AppendLine("|---|---:|---:|---:|---:|");
    foreach (var c in contended)
        text.AppendLine($"| {c.Step} | {c.OperationsPerSecond:F0} | {ConflictRate(c):P1} | {c.Percentile(95):F2} | {c.OperationsPerSecond / contended[1].OperationsPerSecond:F2} |");
    text.AppendLine();
    text.AppendLine("## Read path: HTTP callers signed in as staff, real Kestrel port");
    text.AppendLine();
    text.AppendLine("With one caller, p50 is the server time of a single request; with more, throughput on two cores.");
    text.AppendLine();
    text.AppendLine("| page | callers | requests/s | p50 ms | p95 ms | p99 ms | × static file |");
    text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
    foreach (var p in pages)
    {
        var baseline = pages.First(x => x.Callers == p.Callers);
        text.AppendLine($"| {p.Step} (`{pagePaths.Single(x => x.Name == p.Step).Path}`) | {p.Callers} | {p.OperationsPerSecond:F0} | {p.Percentile(50):F2} | {p.Percentile(95):F2} | {p.Percentile(99):F2} | {p.OperationsPerSecond / baseline.OperationsPerSecond:F2} |");
    }
    text.AppendLine();
    text.AppendLine($"On the synthetic foundation below ({scale.Organizations:N0} organizations, {scale.Projects:N0} projects, {scale.Votes:N0} votes, {generated.Events:N0} events).");
    text.AppendLine();
    text.AppendLine("## Blazor Server: memory per open circuit");
    text.AppendLine();
    text.AppendLine($"{circuits.Count} Chromium pages signed in as staff, each holding the members dashboard open over its circuit: " +
                    $"{circuits.BytesPerCircuit / 1024.0:F0} KiB of managed heap per circuit (after a full GC; {circuits.Before / 1048576.0:F0} MiB before, {circuits.After / 1048576.0:F0} MiB with them open).");
    text.AppendLine();
    text.AppendLine("## Async projection: the audit trail");
    text.AppendLine();
    text.AppendLine($"Steady load of 20 joins/s for {lag.Commands} commands; lag from the command's commit to its `MemberJoined` entry appearing in the trail (polled every ~5 ms), run by the Wolverine-managed agent.");
    text.AppendLine();
    text.AppendLine("| p50 ms | p95 ms | p99 ms | events observed | high-water skips |");
    text.AppendLine("|---:|---:|---:|---:|---:|");
    text.AppendLine($"| {lag.Percentile(50):F0} | {lag.Percentile(95):F0} | {lag.Percentile(99):F0} | {lag.LagsMs.Length} of {lag.Commands} | {lag.Skips} |");
    text.AppendLine();
    text.AppendLine("## Synthetic foundation and projection rebuild");
    text.AppendLine();
    text.AppendLine($"`SyntheticFoundation` ({scale.Years} years, {scale.Organizations:N0} organizations with {scale.EditsPerMemberYear} staff edits a member a year, " +
                    $"{scale.Projects:N0} projects, {scale.Votes:N0} votes, 11 rotating TOC seats) written with Marten's quick append, then each projection rebuilt from all events.");
    text.AppendLine();
    text.AppendLine("| work | events | seconds | events/s | × plain read |");
    text.AppendLine("|---|---:|---:|---:|---:|");
    text.AppendLine($"| plain sequential read of `mt_events` (baseline) | {generated.Events:N0} | {plainRead.TotalSeconds:F1} | {generated.Events / plainRead.TotalSeconds:F0} | 1.00 |");
    text.AppendLine($"| generate and append (quick append, no projections) | {generated.Events:N0} | {generated.Append.TotalSeconds:F1} | {generated.Events / generated.Append.TotalSeconds:F0} | {plainRead.TotalSeconds / generated.Append.TotalSeconds:F3} |");
    foreach (var (projection, time) in generated.Rebuilds)
        text.AppendLine($"| rebuild {projection} | {generated.Events:N0} | {time.TotalSeconds:F1} | {generated.Events / time.TotalSeconds:F0} | {plainRead.TotalSeconds / time.TotalSeconds:F3} |");
    text.AppendLine();
    text.AppendLine("Events/s divides all events in the store by the time; a projection reads only its own event types, which is why the small ones beat the plain read.");
    text.AppendLine();
    text.AppendLine("Both L5 and L6 write one durable-outbox message per command (the lapse check, scheduled in the same transaction); L6 adds the durable inbox. " +
                    "Several nodes are tested, not benchmarked: `AsyncProjections` runs two in one process with a graceful stop, and a second node as a separate process killed with no shutdown.");
    return text.ToString();
}

static string Machine()
{
    var cpu = File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim()
        : null;
    return $"{Environment.ProcessorCount} cores{(cpu is null ? "" : $" ({cpu})")}, {Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1e9)} GB, " +
           $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, PostgreSQL from {(Environment.GetEnvironmentVariable(TestDatabase.Variable) is null ? "a local throwaway cluster (fsync off)" : TestDatabase.Variable)}";
}

// Replaces one section of docs/performance.md (from its heading to the next), or adds it at the end.
static async Task ReplaceSectionAsync(string heading, string section)
{
    Console.WriteLine(section);
    var file = Path.Combine(FindRepositoryRoot(), "docs", "performance.md");
    var existing = await File.ReadAllTextAsync(file);
    var start = existing.IndexOf(heading, StringComparison.Ordinal);
    var end = start < 0 ? -1 : existing.IndexOf("\n## ", start + 3, StringComparison.Ordinal);
    existing = start < 0 ? existing.TrimEnd() + "\n\n" : existing[..start] + (end < 0 ? "" : existing[(end + 1)..].TrimEnd() + "\n\n");
    await File.WriteAllTextAsync(file, existing + section);
}

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Governance.sln"))) return dir.FullName;
    throw new InvalidOperationException("Run the benchmarks from inside the repository.");
}
