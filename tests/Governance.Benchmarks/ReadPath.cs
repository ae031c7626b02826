using System.Net;
using Governance.Testing;

namespace Governance.Benchmarks;

/// <summary>
/// The read path over HTTP on the app's real Kestrel port, signed in as staff; the baseline is a static file
/// served by the same Kestrel.
/// </summary>
public static class ReadPath
{
    public static readonly (string Name, string Path)[] Pages =
    [
        ("static file (baseline)", "/favicon.svg"),
        ("health", "/health"),
        ("members dashboard (prerendered)", "/membership"),
        ("member directory API, first page of 25", "/api/membership/organizations"),
    ];

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
