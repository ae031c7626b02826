using System.Net.Http.Json;
using Governance.Features.Projects;
using Governance.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.BrowserTests;

[Collection(BrowserCollection.Name)]
public class ReadingAProjectPage(Browser browser)
{
    [Fact]
    public async Task A_visitor_finds_a_project_and_follows_its_timeline_without_javascript()
    {
        var name = $"Timeline Tern {Guid.NewGuid():N}"[..20];
        var staff = await browser.App.ClientAsync(GovernanceApp.Staff);
        (await staff.PostAsJsonAsync("/api/projects/from-records", new RecordProjectFromRecords(name, "Follows timelines", "https://github.com/tern/tern", null,
            new DateOnly(2020, 2, 2), new DateOnly(2022, 2, 2), new DateOnly(2024, 2, 2), null, "records"))).EnsureSuccessStatusCode();

        var context = await browser.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/projects?stage=Graduated");
        await page.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();

        await Expect(page).ToHaveTitleAsync($"{name}: Graduated project · Governance");
        var timeline = page.Locator("[data-test=timeline] li");
        await Expect(timeline).ToHaveCountAsync(4);
        await Expect(timeline.Nth(1).Locator("time")).ToHaveAttributeAsync("datetime", "2020-02-02");
        await Expect(timeline.Nth(1)).ToContainTextAsync("Accepted into the Sandbox");
        await Expect(timeline.Nth(3)).ToContainTextAsync("Graduated");
        await page.GetByRole(AriaRole.Link, new() { Name = "Repository" }).WaitForAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Breadcrumb" }).GetByRole(AriaRole.Link, new() { Name = "Projects" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Projects", Level = 1 })).ToBeVisibleAsync();
    }
}
