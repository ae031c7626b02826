using System.Diagnostics;
using System.Net;
using System.Text;
using Governance.Features.Landscape;
using Governance.Features.Membership;
using Governance.Features.Projects;
using Governance.Features.Providers;
using Governance.Testing;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Governance.Benchmarks;

/// <summary>
/// A landscape.yml the size of the CNCF's (about 2,400 items: 250 projects, 800 members, the rest other entries)
/// imported through the real import; then the public project page under load, against a static file.
/// </summary>
public static class LandscapeBenchmark
{
    public sealed record Figures(int Items, int Bytes, TimeSpan Parse, TimeSpan DryRun, TimeSpan Import, int Events, TimeSpan ReImport, int ReImportEvents,
        LoadResult StaticFile, LoadResult ProjectPage, LoadResult ProjectApi);

    public static string File()
    {
        var stages = new[] { "sandbox", "incubating", "graduated", "archived" };
        var yaml = new StringBuilder("landscape:\n");
        for (var c = 0; c < 25; c++)
        {
            yaml.Append($"- category: null\n  name: Category {c}\n  subcategories:\n  - subcategory: null\n    name: Subcategory {c}\n    items:\n");
            for (var i = 0; i < 64; i++)
            {
                var n = c * 64 + i;
                yaml.Append($"    - item: null\n      name: Item {n:D4}\n      description: Entry number {n} of the synthetic landscape\n      homepage_url: https://item{n}.example.org\n");
                if (n % 6 != 0 || n / 6 >= 250) continue; // most landscape entries are not foundation projects
                var stage = stages[n % 4];
                yaml.Append($"      repo_url: https://github.com/item{n}/item{n}\n      project: {stage}\n      extra:\n        accepted: '2019-0{1 + n % 9}-1{n % 10}'\n");
                if (stage is "incubating" or "graduated") yaml.Append("        incubating: '2021-05-05'\n");
                if (stage == "graduated") yaml.Append($"        graduated: '2023-07-07'\n        audits:\n        - date: '2022-02-02'\n          type: security\n          url: https://example.org/audit/{n}.pdf\n          vendor: Vendor {n % 7}\n");
                if (stage == "archived") yaml.Append("        archived: '2024-09-09'\n");
            }
        }
        yaml.Append("- category: null\n  name: CNCF Members\n  subcategories:\n");
        foreach (var (memberClass, count) in new[] { ("Platinum", 20), ("Gold", 30), ("Silver", 650), ("End User Supporter", 60), ("Academic", 20), ("Nonprofit", 20) })
        {
            yaml.Append($"  - subcategory: null\n    name: {memberClass}\n    items:\n");
            for (var i = 0; i < count; i++)
                yaml.Append($"    - item: null\n      name: {memberClass} Member {i:D3} (member)\n      homepage_url: https://m{i}.{memberClass.Length}.example.com\n      joined: '20{18 + i % 8}-0{1 + i % 9}-01'\n");
        }
        return yaml.ToString();
    }

    public static async Task<Figures> RunAsync(GovernanceApp app, TimeSpan duration, TimeSpan warmUp)
    {
        var yaml = File();
        var watch = Stopwatch.StartNew();
        var parsed = LandscapeFile.Parse(yaml);
        var parse = watch.Elapsed;
        var items = parsed.Items().Count();

        var dryRun = await ImportAsync(app, parsed, dryRun: true);
        var import = await ImportAsync(app, parsed, dryRun: false);
        var again = await ImportAsync(app, parsed, dryRun: false);

        await using var session = app.Store.QuerySession();
        var slug = (await session.Query<Project>().FirstAsync(p => p.Stage == ProjectStage.Graduated)).Slug;
        var anonymous = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = app.BaseAddress };
        Func<int, long, Task<int>> Get(string path) => async (_, _) =>
        {
            using var response = await anonymous.GetAsync(path, HttpCompletionOption.ResponseContentRead);
            return response.StatusCode == HttpStatusCode.OK ? 1 : throw new InvalidOperationException($"{path} answered {response.StatusCode}");
        };
        return new Figures(items, Encoding.UTF8.GetByteCount(yaml), parse, dryRun.Elapsed, import.Elapsed, import.Events, again.Elapsed, again.Events,
            await Load.RunAsync("static file (baseline)", 1, duration, warmUp, Get("/favicon.svg")),
            await Load.RunAsync($"/projects/{slug}", 1, duration, warmUp, Get($"/projects/{slug}")),
            await Load.RunAsync($"/api/public/projects/{slug}", 1, duration, warmUp, Get($"/api/public/projects/{slug}")));
    }

    static async Task<(TimeSpan Elapsed, int Events)> ImportAsync(GovernanceApp app, LandscapeFile file, bool dryRun)
    {
        var watch = Stopwatch.StartNew();
        await using var scope = app.Services.CreateAsyncScope();
        await using var session = app.Store.LightweightSession();
        var report = await LandscapeImport.ApplyAsync(session, scope.ServiceProvider.GetRequiredService<IMessageBus>(), file, dryRun,
            app.Services.GetRequiredService<ProjectRules>(), app.Services.GetRequiredService<MembershipRules>(), app.Services.GetRequiredService<ProviderPrograms>(),
            DateOnly.FromDateTime(DateTime.UtcNow));
        await session.SaveChangesAsync();
        if (report.Count(ImportOutcome.Error) > 0) throw new InvalidOperationException(string.Join("; ", report.Lines.Where(l => l.Outcome == ImportOutcome.Error).Take(3)));
        return (watch.Elapsed, report.EventsAppended);
    }

    public static string Section(Figures f) => $"""
        ## Landscape import and the public project page

        A synthetic landscape.yml of {f.Items:N0} items ({f.Bytes / 1024.0 / 1024.0:F1} MB; 250 projects, 800 members), through the same code as the staff page and `import-landscape`.

        | step | seconds | × parse |
        |---|---:|---:|
        | parse the YAML (baseline) | {f.Parse.TotalSeconds:F2} | 1.0 |
        | dry run (compare with the records, write nothing) | {f.DryRun.TotalSeconds:F2} | {f.DryRun / f.Parse:F1} |
        | first import ({f.Events:N0} events, one transaction) | {f.Import.TotalSeconds:F2} | {f.Import / f.Parse:F1} |
        | same file again ({f.ReImportEvents} events) | {f.ReImport.TotalSeconds:F2} | {f.ReImport / f.Parse:F1} |

        | page, one anonymous caller | requests/s | p50 ms | p99 ms | × static file p50 |
        |---|---:|---:|---:|---:|
        {string.Join("\n", new[] { f.StaticFile, f.ProjectPage, f.ProjectApi }.Select(r => $"| `{r.Step}` | {r.OperationsPerSecond:F0} | {r.Percentile(50):F2} | {r.Percentile(99):F2} | {r.Percentile(50) / f.StaticFile.Percentile(50):F1} |"))}

        """;
}
