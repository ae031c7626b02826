using Governance.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.BrowserTests;

[Collection(BrowserCollection.Name)]
public class TravellingInTime(Browser browser)
{
    [Fact]
    public async Task The_app_bar_date_puts_the_pages_into_a_marked_read_only_view_of_the_past_until_staff_go_back_to_today()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync(GovernanceApp.Staff, "/membership/organizations");
        await page.WaitUntilInteractiveAsync();
        await Expect(page.Locator("[data-test=as-of-mode]")).ToHaveCountAsync(0);

        var asOf = page.Locator("[data-test=as-of-picker] input");
        await asOf.FillAsync("2020-01-01");
        await asOf.PressAsync("Tab");

        await page.WaitForURLAsync("**/membership/organizations?asOf=2020-01-01");
        await Expect(page.Locator("[data-test=as-of-mode]")).ToContainTextAsync("As of 2020-01-01");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Organizations as of 2020-01-01" })).ToBeVisibleAsync();

        // The menu keeps the date for the pages that can show it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await page.WaitForURLAsync("**/membership?asOf=2020-01-01");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Members as of 2020-01-01" })).ToBeVisibleAsync();
        await Expect(page.Locator(".mud-main-content").GetByRole(AriaRole.Link, new() { Name = "Record a join" })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to today" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Members", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test=as-of-mode]")).ToHaveCountAsync(0);
    }
}
