using Governance.Platform.Accounts;
using Governance.Testing;
using Microsoft.Playwright;

namespace Governance.BrowserTests;

/// <summary>
/// Debian's Chromium driven by Playwright against the portal on a real Kestrel port. One browser and one app
/// for the whole run (starting either costs seconds on two cores); each test gets its own browser context.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public static readonly string Executable = Environment.GetEnvironmentVariable("GOVERNANCE_CHROMIUM") ?? "/usr/bin/chromium";

    IPlaywright playwright = default!;
    IBrowser browser = default!;

    public GovernanceApp App { get; } = new();

    public async Task InitializeAsync()
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException(
                $"Browser tests need Chromium at {Executable}: `apt-get install chromium`, or set GOVERNANCE_CHROMIUM.");
        await ((IAsyncLifetime)App).InitializeAsync();
        // Two cores shared with the other test project: give the page as long as actions get before an expectation fails.
        Assertions.SetDefaultExpectTimeout(15_000);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Executable,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>A fresh page in its own context (own cookies), at the app's address.</summary>
    public async Task<IPage> NewPageAsync() => await (await NewContextAsync()).NewPageAsync();

    /// <summary>A fresh context (own cookies) at the app's address; without JavaScript to check the static pages.</summary>
    public async Task<IBrowserContext> NewContextAsync(bool javaScript = true)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = App.BaseAddress.ToString().TrimEnd('/'), JavaScriptEnabled = javaScript });
        context.SetDefaultTimeout(15_000);
        return context;
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        await ((IAsyncLifetime)App).DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Browser>
{
    public const string Name = "browser";
}

/// <summary>What a person does in the portal, in their words.</summary>
public static class PersonActions
{
    public static async Task SignInAsync(this IPage page, Account account, string returnUrl = "/")
    {
        await page.GotoAsync($"/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.GetByLabel("E-mail").FillAsync(account.Id);
        await page.GetByLabel("Password").FillAsync(GovernanceApp.Passwords[account.Id]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).PathAndQuery == returnUrl);
    }

    /// <summary>Waits until the page runs over its circuit: a click before that would be lost.</summary>
    public static Task WaitUntilInteractiveAsync(this IPage page) =>
        page.Locator("[data-interactive=true]").WaitForAsync();
}
