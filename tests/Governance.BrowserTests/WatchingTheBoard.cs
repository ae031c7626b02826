using System.Net.Http.Json;
using Governance.Features.Projects;
using Governance.Features.Toc;
using Governance.Testing;
using static Microsoft.Playwright.Assertions;

namespace Governance.BrowserTests;

[Collection(BrowserCollection.Name)]
public class WatchingTheBoard(Browser browser)
{
    [Fact]
    public async Task The_board_moves_a_project_to_the_sandbox_when_its_vote_passes_without_a_reload()
    {
        var name = $"Board Bird {Guid.NewGuid():N}"[..18];
        var staff = await browser.App.ClientAsync(GovernanceApp.Staff);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        (await staff.PostAsJsonAsync("/api/toc/roster/seats",
            new SeatTocMember(GovernanceApp.Toc.Id, GovernanceApp.Toc.DisplayName, SelectedBy.GoverningBoard, today.AddDays(-1), today.AddYears(1)))).EnsureSuccessStatusCode();
        var applied = await staff.PostAsJsonAsync("/api/projects", new ApplyProject(name, "Watches boards", null, null, ProjectStage.Sandbox));
        applied.EnsureSuccessStatusCode();
        var projectId = (await applied.Content.ReadFromJsonAsync<Created>())!.Id;
        var slug = ApplyProjectHandler.SlugOf(name);

        var page = await browser.NewPageAsync();
        await page.SignInAsync(GovernanceApp.Toc, "/toc/board");
        await page.WaitUntilInteractiveAsync();
        await Expect(page.Locator($"[data-stage=Applied] [data-project='{slug}']")).ToBeVisibleAsync();

        var toc = await browser.App.ClientAsync(GovernanceApp.Toc);
        var opened = await toc.PostAsJsonAsync("/api/toc/votes",
            new OpenVote(new Motion(MotionKind.AcceptIntoSandbox, projectId, $"{name}: accept"), VoteProfile.Default with { MinimumOpen = TimeSpan.Zero }));
        opened.EnsureSuccessStatusCode();
        var voteId = (await opened.Content.ReadFromJsonAsync<Created>())!.Id;
        (await toc.PostAsJsonAsync($"/api/toc/votes/{voteId}/ballot", new TocApi.BallotRequest(Choice.InFavour))).EnsureSuccessStatusCode();

        await Expect(page.Locator($"[data-stage=Sandbox] [data-project='{slug}']")).ToBeVisibleAsync();
        await Expect(page.Locator($"[data-stage=Applied] [data-project='{slug}']")).ToHaveCountAsync(0);
    }

    sealed record Created(Guid Id);
}
