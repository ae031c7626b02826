using Governance.Features.Membership;
using Governance.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using System.Net.Http.Json;

namespace Governance.BrowserTests;

[Collection(BrowserCollection.Name)]
public class ChangingAMembership(Browser browser)
{
    [Fact]
    public async Task Staff_upgrade_a_member_then_record_its_departure_and_the_dashboard_follows()
    {
        var id = await RecordJoinAsync("Initrode", "Silver");
        var page = await browser.NewPageAsync();
        await page.SignInAsync(GovernanceApp.Staff, "/membership");
        await page.WaitUntilInteractiveAsync();
        var gold = int.Parse(await Count(page, "Gold").InnerTextAsync());

        await page.GotoAsync($"/membership/organizations/{id}");
        await page.WaitUntilInteractiveAsync();
        await OpenPanel(page, "change-tier");
        await page.GetByLabel("New class").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Gold", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Change tier" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record", Exact = true }).ClickAsync();
        await Expect(page.GetByText("Tier changed.")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test=timeline]")).ToContainTextAsync("Upgrade: Silver → Gold");

        await OpenPanel(page, "leave");
        await page.GetByLabel("Why is it leaving?").FillAsync("Merged into a Platinum member");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record departure" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record", Exact = true }).ClickAsync();
        await Expect(page.Locator("[data-test=timeline]")).ToContainTextAsync("Merged into a Platinum member");
        await Expect(page.Locator("[data-test=status]").First).ToHaveTextAsync("Left");

        await page.GotoAsync("/membership");
        await page.WaitUntilInteractiveAsync();
        await Expect(Count(page, "Gold")).ToHaveTextAsync(gold.ToString());
    }

    async Task<Guid> RecordJoinAsync(string name, string memberClass)
    {
        var staff = await browser.App.ClientAsync(GovernanceApp.Staff);
        var response = await staff.PostAsJsonAsync("/api/membership/joins", new RecordJoin(name, null, memberClass, DateOnly.FromDateTime(DateTime.UtcNow), null));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Created>())!.Id;
    }

    static Task OpenPanel(IPage page, string panel) => page.Locator($"[data-test={panel}] .mud-expand-panel-header").ClickAsync();

    static ILocator Count(IPage page, string memberClass) => page.Locator($"[data-test=class-count][data-class='{memberClass}'] [data-test=count]");

    sealed record Created(Guid Id);
}
