using System.Net.Http.Json;
using Governance.Features.Projects;
using Governance.Features.Toc;
using Governance.Testing;
using Marten;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.BrowserTests;

[Collection(BrowserCollection.Name)]
public class CastingAVote(Browser browser)
{
    [Fact]
    public async Task A_toc_member_casts_a_vote_with_five_rapid_clicks_and_sees_it_counted_once()
    {
        var voteId = await OpenVoteWithTheTocSeatedAsync();
        var page = await browser.NewPageAsync();
        await page.SignInAsync(GovernanceApp.Toc, "/toc");
        await page.WaitUntilInteractiveAsync();
        var card = page.Locator($"[data-test=vote][data-vote='{voteId}']");
        await Expect(card.Locator("[data-test=in-favour]")).ToHaveTextAsync("In favour 0");

        var button = card.Locator("[data-test=cast-InFavour]");
        for (var i = 0; i < 5; i++) await button.DispatchEventAsync("click");

        await Expect(card.Locator("[data-test=in-favour]")).ToHaveTextAsync("In favour 1");
        await Expect(card.Locator("[data-test=my-vote]")).ToHaveTextAsync("InFavour");
        await using var session = browser.App.Store.QuerySession();
        Assert.Single(await session.Events.FetchStreamAsync(voteId), e => e.Data is VoteCast);
    }

    async Task<Guid> OpenVoteWithTheTocSeatedAsync()
    {
        var staff = await browser.App.ClientAsync(GovernanceApp.Staff);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        (await staff.PostAsJsonAsync("/api/toc/roster/seats",
            new SeatTocMember(GovernanceApp.Toc.Id, GovernanceApp.Toc.DisplayName, SelectedBy.GoverningBoard, today.AddDays(-1), today.AddYears(1)))).EnsureSuccessStatusCode();
        var toc = await browser.App.ClientAsync(GovernanceApp.Toc);
        var opened = await toc.PostAsJsonAsync("/api/toc/votes", new OpenVote(new Motion(MotionKind.General, null, $"Browser motion {Guid.NewGuid():N}")));
        opened.EnsureSuccessStatusCode();
        return (await opened.Content.ReadFromJsonAsync<Created>())!.Id;
    }

    sealed record Created(Guid Id);
}
