using Governance.Testing;
using Microsoft.Playwright;

namespace Governance.Benchmarks;

/// <summary>Memory per open Blazor circuit: Chromium pages signed in as staff, each holding the members dashboard open.</summary>
public static class Circuits
{
    public sealed record Result(int Count, long Before, long After)
    {
        public double BytesPerCircuit => (After - Before) / (double)Count;
    }

    public static async Task<Result> MeasureAsync(GovernanceApp app, int count)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("GOVERNANCE_CHROMIUM") ?? "/usr/bin/chromium", Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
        var before = Settled();
        var pages = new List<IPage>();
        for (var i = 0; i < count; i++)
        {
            var context = await browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString().TrimEnd('/') });
            context.SetDefaultTimeout(60_000);
            var page = await context.NewPageAsync();
            await page.GotoAsync("/account/login?returnUrl=%2Fmembership");
            await page.GetByLabel("E-mail").FillAsync(GovernanceApp.Staff.Id);
            await page.GetByLabel("Password").FillAsync(GovernanceApp.Passwords[GovernanceApp.Staff.Id]);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.Locator("[data-interactive=true]").WaitForAsync();
            pages.Add(page);
        }
        var after = Settled();
        return new Result(count, before, after);
    }

    static long Settled()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
