using System.Net;
using Governance.Features.Membership;
using Governance.Testing;
using Marten;

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
        ("directory API, first page of 25", "/api/membership/organizations"),
        ("directory API, search + status filter", "/api/membership/organizations?search=organization%201&status=Current"),
        ("directory page (prerendered)", "/membership/organizations"),
    ];

    /// <summary>Tops the directory up to <paramref name="target"/> organizations with bulk appends (inline projection included).</summary>
    public static async Task<int> FillDirectoryAsync(GovernanceApp app, int target)
    {
        await using var count = app.Store.QuerySession();
        var have = await count.Query<Organization>().CountAsync();
        var joined = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(-6);
        for (var done = have; done < target;)
        {
            await using var session = app.Store.LightweightSession();
            for (var i = 0; i < 500 && done < target; i++, done++)
            {
                var id = Guid.CreateVersion7();
                session.Events.StartStream(id, new OrganizationRegistered(id, $"Directory member {done:D5}", null),
                    new MemberJoined(id, done % 10 == 0 ? "Gold" : "Silver", joined.AddDays(-(done % 700)), joined.AddDays(-(done % 700)).AddYears(1), "bulk"));
            }
            await session.SaveChangesAsync();
        }
        return Math.Max(have, target);
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
