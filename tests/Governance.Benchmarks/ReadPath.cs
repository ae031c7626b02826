using System.Net;
using Governance.Features.Membership;
using Governance.Features.Projects;
using Governance.Testing;
using Marten;

namespace Governance.Benchmarks;

/// <summary>
/// The read path over HTTP on the app's real Kestrel port, signed in as staff; the baseline is a static file
/// served by the same Kestrel.
/// </summary>
public static class ReadPath
{
    static DateOnly FiveYearsAgo => DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-5);

    /// <summary>The pages measured, with a graduated project's page among them.</summary>
    public static async Task<IReadOnlyList<(string Name, string Path)>> PagesAsync(GovernanceApp app)
    {
        await using var session = app.Store.QuerySession();
        var accepted = await session.Query<Project>().Where(p => p.Stage != ProjectStage.Applied).ToListAsync();
        var slug = (accepted.FirstOrDefault(p => p.Stage == ProjectStage.Graduated) ?? accepted.First()).Slug;
        return
        [
            ("static file (baseline)", "/favicon.svg"),
            ("health", "/health"),
            ("public projects page", "/projects"),
            ("public projects page, as of 5 years ago", $"/projects?asOf={FiveYearsAgo:yyyy-MM-dd}"),
            ("public project page", $"/projects/{slug}"),
            ("public members page", "/members"),
            ("public members page, as of 5 years ago", $"/members?asOf={FiveYearsAgo:yyyy-MM-dd}"),
            ("members dashboard (prerendered)", "/membership"),
            ("directory API, first page of 25", "/api/membership/organizations"),
            ("directory API, search + status filter", "/api/membership/organizations?search=organization%201&status=Current"),
            ("directory page (prerendered)", "/membership/organizations"),
        ];
    }

    public static async Task<Func<int, long, Task<int>>> RequestAsync(GovernanceApp app, string path)
    {
        var cookies = new CookieContainer();
        await app.ClientAsync(GovernanceApp.Staff, cookies);
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, MaxConnectionsPerServer = 64 })
        {
            BaseAddress = app.BaseAddress
        };
        return async (_, _) =>
        {
            using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{path} answered {response.StatusCode}");
            return 1;
        };
    }
}
