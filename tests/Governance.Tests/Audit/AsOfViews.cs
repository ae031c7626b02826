using System.Net;
using System.Net.Http.Json;
using Governance.Features.Membership;
using Governance.Features.Projects;
using Governance.Testing;
using Marten;
using Marten.Events;

namespace Governance.Tests.Audit;

/// <summary>The staff and TOC pages as of a past date (the app bar's date), and corrections of membership dates.</summary>
public class AsOfViews(GovernanceApp app) : IClassFixture<GovernanceApp>
{
    static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task Membership_pages_as_of_a_date_show_the_organization_as_it_stood_then_and_offer_no_changes()
    {
        var staff = await app.ClientAsync(GovernanceApp.Staff);
        var id = await JoinAsync(staff, "Bygone Bittern", Today.AddDays(-400));
        Assert.Equal(HttpStatusCode.NoContent, (await staff.PostAsJsonAsync($"/api/membership/organizations/{id}/tier",
            new ChangeTier(id, 2, "Gold", Today.AddDays(-100), "Board approved the upgrade"))).StatusCode);
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        async Task<string[]> DirectoryOn(int daysAgo) =>
            (await staff.GetFromJsonAsync<DirectoryQuery.Result>($"/api/membership/organizations?search=Bygone&asOf={Today.AddDays(-daysAgo):yyyy-MM-dd}"))!
            .Items.Select(o => $"{o.Name}:{o.MemberClass}:{o.JoinedOn:yyyy-MM-dd}").ToArray();
        Assert.Empty(await DirectoryOn(500));
        Assert.Equal([$"Bygone Bittern:Silver:{Today.AddDays(-400):yyyy-MM-dd}"], await DirectoryOn(200));
        Assert.Equal([$"Bygone Bittern:Gold:{Today.AddDays(-400):yyyy-MM-dd}"], await DirectoryOn(50));

        var then = $"{Today.AddDays(-200):yyyy-MM-dd}";
        var page = await staff.GetStringAsync($"/membership/organizations/{id}?asOf={then}");
        Assert.Contains("Silver member since", page);
        Assert.Contains("data-test=\"as-of-mode\"", page);
        Assert.DoesNotContain("data-test=\"change-tier\"", page);
        Assert.DoesNotContain("Board approved the upgrade", page);
        var todays = await staff.GetStringAsync($"/membership/organizations/{id}");
        Assert.Contains("Gold member since", todays);
        Assert.Contains("data-test=\"change-tier\"", todays);
        Assert.DoesNotContain("data-test=\"as-of-mode\"", todays);

        var dashboard = await staff.GetStringAsync($"/membership?asOf={then}");
        Assert.Contains($"Members as of {then}", dashboard);
        Assert.Contains($"href=\"/membership/organizations?asOf={then}\"", dashboard);
        var joinedIn = Today.AddDays(-400);
        Assert.Contains($"<td>{joinedIn.Year} Q{(joinedIn.Month - 1) / 3 + 1}</td>", dashboard); // the join's quarter, from the movements
        Assert.Contains("data-test=\"as-of-unsupported\"", await staff.GetStringAsync($"/audit?asOf={then}"));
    }

    [Fact]
    public async Task The_board_and_a_project_page_as_of_a_date_show_the_stage_it_had_then()
    {
        var staff = await app.ClientAsync(GovernanceApp.Staff);
        (await staff.PostAsJsonAsync("/api/projects/from-records",
            new RecordProjectFromRecords("Olden Osprey", "Was here first", null, null, new DateOnly(2019, 1, 1), new DateOnly(2021, 6, 1), null, null, "records"))).EnsureSuccessStatusCode();

        var before = await staff.GetStringAsync("/toc/projects/olden-osprey?asOf=2020-01-01");
        Assert.Contains("Sandbox", before);
        Assert.DoesNotContain("Incubating", before);
        Assert.DoesNotContain("data-test=\"next-step\"", before);
        Assert.Contains("Incubating", await staff.GetStringAsync("/toc/projects/olden-osprey?asOf=2021-06-01"));
        Assert.DoesNotContain("Olden Osprey", await staff.GetStringAsync("/toc/projects/olden-osprey?asOf=2018-12-31").ContinueWith(t => t.Result.Split("data-test=\"timeline\"")[1]));

        var board = await staff.GetStringAsync("/toc/board?asOf=2020-01-01");
        Assert.Contains("Project lifecycle as of 2020-01-01", board);
        Assert.Contains("href=\"/toc/projects/olden-osprey?asOf=2020-01-01\"", board);
        var sandboxColumn = board.Split("data-stage=\"Sandbox\"")[1].Split("data-stage=\"Incubating\"")[0];
        Assert.Contains("olden-osprey", sandboxColumn);
    }

    [Fact]
    public async Task A_membership_date_correction_changes_as_of_but_not_as_recorded_before_it_and_a_refused_one_appends_nothing()
    {
        var staff = await app.ClientAsync(GovernanceApp.Staff);
        var entered = Today.AddDays(-60);
        var id = await JoinAsync(staff, "Mistaken Magpie", entered);
        Assert.Equal(HttpStatusCode.NoContent, (await staff.PostAsJsonAsync($"/api/membership/organizations/{id}/tier",
            new ChangeTier(id, 2, "Gold", Today.AddDays(-30), "Upgraded last month"))).StatusCode);
        await Task.Delay(50);
        var beforeCorrection = DateTimeOffset.UtcNow;
        await Task.Delay(50);

        async Task<HttpStatusCode> Correct(long correctsVersion, DateOnly date, string reason) =>
            (await staff.PostAsJsonAsync($"/api/membership/organizations/{id}/date-corrections", new CorrectMembershipDate(id, 3, correctsVersion, date, reason))).StatusCode;
        Assert.Equal(HttpStatusCode.BadRequest, await Correct(1, Today.AddDays(-90), "registration has no effective date"));
        Assert.Equal(HttpStatusCode.BadRequest, await Correct(2, Today.AddDays(-20), "after the upgrade it dated"));
        Assert.Equal(HttpStatusCode.BadRequest, await Correct(2, Today.AddDays(-90), " "));
        Assert.Equal(HttpStatusCode.BadRequest, await Correct(2, entered, "the same date"));
        await using (var session = app.Store.QuerySession())
            Assert.Equal(3, (await session.Events.FetchStreamStateAsync(id))!.Version);

        Assert.Equal(HttpStatusCode.NoContent, await Correct(2, Today.AddDays(-90), "The agreement was signed a month earlier"));
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        async Task<Organization> AsOf(int daysAgo) => (await staff.GetFromJsonAsync<Organization>($"/api/membership/organizations/{id}/as-of?on={Today.AddDays(-daysAgo):yyyy-MM-dd}"))!;
        Assert.Equal(("Silver", Today.AddDays(-90)), ((await AsOf(75)).MemberClass, (await AsOf(75)).JoinedOn!.Value));
        Assert.Equal(("Gold", Today.AddDays(-90)), ((await AsOf(0)).MemberClass, (await AsOf(0)).JoinedOn!.Value));
        Assert.Equal(Today.AddDays(-90), (await staff.GetFromJsonAsync<Organization>($"/api/membership/organizations/{id}"))!.JoinedOn);
        var recorded = await staff.GetFromJsonAsync<Organization>($"/api/membership/organizations/{id}/as-recorded?on={Uri.EscapeDataString(beforeCorrection.ToString("O"))}");
        Assert.Equal(entered, recorded!.JoinedOn);

        var history = await staff.GetFromJsonAsync<Governance.Features.Membership.TimelineEntry[]>($"/api/membership/organizations/{id}/history");
        Assert.Contains(history!, e => e.What == "Member joined" && e.EffectiveDate == entered);
        Assert.Contains(history!, e => e.What == "Membership date corrected" && e.EffectiveDate == Today.AddDays(-90)
            && e.Reason == "The agreement was signed a month earlier" && e.Details.Contains("entry 2"));
    }

    static async Task<Guid> JoinAsync(HttpClient staff, string name, DateOnly on)
    {
        var joined = await staff.PostAsJsonAsync("/api/membership/joins", new RecordJoin(name, null, "Silver", on, "Signed earlier"));
        joined.EnsureSuccessStatusCode();
        return (await joined.Content.ReadFromJsonAsync<Created>())!.Id;
    }

    sealed record Created(Guid Id);
}
