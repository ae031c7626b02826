using System.Net;
using System.Net.Http.Json;
using Governance.Features.Demo;
using Governance.Platform.Accounts;
using JasperFx.CommandLine;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Governance.Testing;

/// <summary>
/// The whole portal on a real Kestrel port against a database of its own, with the demo accounts and nothing
/// else. One per test class (an xunit class fixture).
/// </summary>
public class GovernanceApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public static readonly Account Staff = DemoFoundation.Accounts.Single(a => a.Id == "staff@demo.governance");
    public static readonly Account Toc = DemoFoundation.Accounts.Single(a => a.Id == "toc@demo.governance");
    public static readonly Dictionary<string, string> Passwords = new()
    {
        [Staff.Id] = "staff-demo-password",
        [Toc.Id] = "toc-demo-password",
    };

    string connectionString = "";

    /// <summary>The connection string of this app's own database.</summary>
    public string ConnectionString => connectionString;

    public GovernanceApp() { }

    /// <summary>The portal on an existing database (a synthetic foundation, for instance).</summary>
    public static GovernanceApp On(string connectionString) => new OnDatabase(connectionString);

    GovernanceApp(string connectionString) => this.connectionString = connectionString;

    /// <summary>A second node on the same database as <paramref name="first"/>.</summary>
    protected GovernanceApp(GovernanceApp first) => connectionString = first.connectionString;

    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>The app's clock: real time, moved ahead by tests that need a comment period to pass.</summary>
    public ShiftingClock Clock { get; } = new();

    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();

    public virtual async Task InitializeAsync()
    {
        JasperFxEnvironment.AutoStartHost = true;
        if (connectionString == "") connectionString = await TestDatabase.CreateAsync(GetType().Name);
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1"));

        await using var session = Store.LightweightSession();
        session.Store(DemoFoundation.Accounts);
        await session.SaveChangesAsync();
    }

    /// <summary>Starts another node of the portal on this node's database.</summary>
    public async Task<GovernanceApp> StartSecondNodeAsync()
    {
        var node = new SecondNode(this);
        await ((IAsyncLifetime)node).InitializeAsync();
        return node;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSolutionRelativeContentRoot("src/Governance.Web");
        builder.UseSetting("ConnectionStrings:Governance", connectionString);
        builder.UseSetting("Database:ApplyChangesOnStart", "true");
        builder.UseSetting("Demo:SeedOnStart", "false");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>
    /// An HTTP client signed in as <paramref name="account"/> (null: anonymous) keeping its cookies in
    /// <paramref name="cookies"/> (default: its own). Cookies go by host, not port: nodes share them.
    /// </summary>
    public Task<HttpClient> ClientAsync(Account? account, CookieContainer? cookies = null) => ClientAsync(BaseAddress, account, cookies);

    /// <summary>An HTTP client for the portal at <paramref name="baseAddress"/> (another node, say), signed in as <paramref name="account"/>.</summary>
    public static async Task<HttpClient> ClientAsync(Uri baseAddress, Account? account, CookieContainer? cookies = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies ?? new CookieContainer() })
        {
            BaseAddress = baseAddress
        };
        if (account is null) return client;

        // Sign in the way a browser does: fetch the form for its antiforgery token, then post it.
        var form = await client.GetStringAsync("/account/login");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = account.Id,
            ["password"] = Passwords[account.Id],
            ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.Contains("failed") == true)
            throw new InvalidOperationException($"Signing in as {account.Id} failed: {response.StatusCode} {response.Headers.Location}");
        return client;
    }

    public async Task<long> EventCountAsync()
    {
        await using var session = Store.QuerySession();
        return await session.Events.QueryAllRawEvents().CountAsync();
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    sealed class SecondNode(GovernanceApp first) : GovernanceApp(first);

    sealed class OnDatabase(string connectionString) : GovernanceApp(connectionString);
}

/// <summary>Real time plus an offset a test moves forward; handlers read "now" from it.</summary>
public sealed class ShiftingClock : TimeProvider
{
    public TimeSpan Offset { get; private set; }

    public void Advance(TimeSpan by) => Offset += by;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
