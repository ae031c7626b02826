using Governance.Features.Membership;
using Governance.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.BrowserTests;

[Collection(BrowserCollection.Name)]
public class RecordingAJoin(Browser browser)
{
    [Fact]
    public async Task Staff_record_a_join_and_the_dashboard_counts_it()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync(GovernanceApp.Staff, "/membership");
        await page.WaitUntilInteractiveAsync();
        var before = int.Parse(await GoldCount(page).InnerTextAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "Record a join" }).First.ClickAsync();
        await page.WaitForURLAsync("**/membership/join");
        await page.WaitUntilInteractiveAsync();
        await page.GetByLabel("Organization").FillAsync("Globex Corporation");
        await page.GetByLabel("Website").FillAsync("https://globex.example");
        await ChooseClass(page, "Gold");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record join" }).ClickAsync();

        await page.WaitForURLAsync("**/membership");
        await Expect(page.GetByText("Globex Corporation joined as Gold.")).ToBeVisibleAsync();
        await Expect(GoldCount(page)).ToHaveTextAsync((before + 1).ToString());

        await page.GotoAsync("/membership/organizations");
        await page.WaitUntilInteractiveAsync();
        await page.GetByLabel("Search by name").FillAsync("globex");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Globex Corporation" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_back_dated_join_without_a_reason_is_refused_with_the_reason_and_records_nothing()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync(GovernanceApp.Staff, "/membership/join");
        await page.WaitUntilInteractiveAsync();
        var before = await browser.App.EventCountAsync();

        await page.GetByLabel("Organization").FillAsync("Vandelay Industries");
        await ChooseClass(page, "Silver");
        var effectiveDate = page.GetByLabel("Effective date");
        await effectiveDate.FillAsync("2020-01-15");
        await effectiveDate.PressAsync("Tab");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record join" }).ClickAsync();

        await Expect(page.Locator("[data-test=refusal]")).ToContainTextAsync("needs a reason");
        Assert.Equal(before, await browser.App.EventCountAsync());
        Assert.EndsWith("/membership/join", page.Url);
    }

    [Fact]
    public async Task An_anonymous_visitor_is_asked_to_sign_in()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/membership");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        Assert.Contains("returnurl=%2fmembership", page.Url.ToLowerInvariant());
    }

    static ILocator GoldCount(IPage page) => page.Locator("[data-test=class-count][data-class=Gold] [data-test=count]");

    static async Task ChooseClass(IPage page, string memberClass)
    {
        await page.GetByLabel("Class").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = memberClass, Exact = true }).ClickAsync();
    }
}
