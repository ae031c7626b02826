using System.Net.Http.Json;
using Governance.Features.Membership;
using Governance.Features.Providers;
using Governance.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.BrowserTests;

[Collection(BrowserCollection.Name)]
public class ApprovingAProvider(Browser browser)
{
    [Fact]
    public async Task Staff_record_a_members_application_review_it_and_approve_it_and_the_public_page_lists_it()
    {
        var company = $"Kelp Forest {Guid.NewGuid():N}"[..18];
        var staff = await browser.App.ClientAsync(GovernanceApp.Staff);
        (await staff.PostAsJsonAsync("/api/membership/joins", new RecordJoin(company, null, "Silver", DateOnly.FromDateTime(DateTime.UtcNow), null))).EnsureSuccessStatusCode();

        var page = await browser.NewPageAsync();
        await page.SignInAsync(GovernanceApp.Staff, "/programs");
        await page.WaitUntilInteractiveAsync();
        await page.GetByLabel("Member company").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = company, Exact = true }).ClickAsync();
        var expires = DateTime.UtcNow.AddYears(1).ToString("yyyy-MM-dd");
        await page.GetByLabel("Certified engineers").FillAsync($"Ann; KF-1; {expires}\nBen; KF-2; {expires}\nCai; KF-3; {expires}");
        await page.GetByLabel("Support offering").FillAsync("Engineers on site, 24/7");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record application" }).ClickAsync();

        await page.WaitForURLAsync("**/programs/applications/*");
        await page.WaitUntilInteractiveAsync();
        await Expect(page.Locator("[data-test=state]")).ToHaveTextAsync("Submitted");
        foreach (var requirement in new ProviderPrograms().Named("kcsp")!.Requirements)
        {
            var row = page.Locator($"[data-test=requirement][data-key={requirement.Key}]");
            await row.Locator("[data-test=met]").ClickAsync();
            await Expect(row.Locator("[data-test=review]")).ToHaveTextAsync("met");
        }
        await page.Locator("[data-test=approve]").ClickAsync();
        await Expect(page.Locator("[data-test=state]")).ToHaveTextAsync("Approved");

        await page.GotoAsync("/providers");
        await Expect(page.GetByText(company)).ToBeVisibleAsync();
        await Expect(page.GetByText("KF-1")).ToHaveCountAsync(0);
    }
}
