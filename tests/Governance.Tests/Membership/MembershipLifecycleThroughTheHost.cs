using System.Net;
using System.Net.Http.Json;
using Governance.Features.Membership;
using Governance.Testing;
using Marten.Events;

namespace Governance.Tests.Membership;

public class MembershipLifecycleThroughTheHost(GovernanceApp app) : IClassFixture<GovernanceApp>
{
    static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    async Task<(HttpClient Staff, Guid Id)> JoinAsync(string name, string memberClass = "Silver", DateOnly? on = null, string? reason = null)
    {
        var staff = await app.ClientAsync(GovernanceApp.Staff);
        var response = await staff.PostAsJsonAsync("/api/membership/joins", new RecordJoin(name, null, memberClass, on ?? Today, reason));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (staff, (await response.Content.ReadFromJsonAsync<CreatedId>())!.Id);
    }

    static async Task<Organization> LoadAsync(HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<Organization>($"/api/membership/organizations/{id}"))!;

    [Fact]
    public async Task A_membership_through_its_life_leaves_a_timeline_of_every_fact_with_who_and_why()
    {
        var (staff, id) = await JoinAsync("Lifecycle Inc");

        await Ok(staff.PostAsJsonAsync($"/api/membership/organizations/{id}/tier", new ChangeTier(id, 2, "Gold", Today, null)));
        await Ok(staff.PostAsJsonAsync($"/api/membership/organizations/{id}/renewals", new RenewMembership(id, 3, Today, null)));
        await Ok(staff.PostAsJsonAsync($"/api/membership/organizations/{id}/departures", new RecordDeparture(id, 4, Today, "Acquired by a member")));
        await Ok(staff.PostAsJsonAsync($"/api/membership/organizations/{id}/rejoins", new RecordRejoin(id, 5, "Silver", Today, null)));

        var history = (await staff.GetFromJsonAsync<List<TimelineEntry>>($"/api/membership/organizations/{id}/history"))!;
        Assert.Equal(["Member rejoined", "Member left", "Membership renewed", "Tier changed", "Member joined", "Organization registered"],
            history.Select(h => h.What));
        Assert.All(history, h => Assert.Equal(GovernanceApp.Staff.DisplayName, h.RecordedBy));
        Assert.Equal("Acquired by a member", history[1].Reason);
        Assert.Equal("Upgrade: Silver → Gold", history[3].Details);
        var organization = await LoadAsync(staff, id);
        Assert.Equal(("Silver", true, 6L), (organization.MemberClass, organization.IsMember, organization.Version));
    }

    [Fact]
    public async Task An_edit_against_an_outdated_version_is_refused_with_who_changed_it_and_nothing_is_merged()
    {
        var (staff, id) = await JoinAsync("Concurrent Ltd");
        var colleague = await app.ClientAsync(GovernanceApp.Staff);
        await Ok(colleague.PostAsJsonAsync($"/api/membership/organizations/{id}/tier", new ChangeTier(id, 2, "Gold", Today, null)));

        var stale = await staff.PostAsJsonAsync($"/api/membership/organizations/{id}/tier", new ChangeTier(id, 2, "Platinum", Today, null));

        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        var problem = await stale.Content.ReadAsStringAsync();
        Assert.Contains($"was changed by {GovernanceApp.Staff.DisplayName} at", problem);
        Assert.Contains("reload", problem);
        Assert.Equal(("Gold", 3L), ((await LoadAsync(staff, id)).MemberClass, (await LoadAsync(staff, id)).Version));
    }

    [Fact]
    public async Task A_term_that_ended_unrenewed_lapses_by_the_scheduled_check_not_by_a_person()
    {
        var (staff, id) = await JoinAsync("Forgetful GmbH", on: Today.AddYears(-2), reason: "Entered from the 2024 paper records");

        List<TimelineEntry> history = [];
        for (var attempt = 0; attempt < 120 && !history.Any(h => h.What == "Membership lapsed"); attempt++)
        {
            await Task.Delay(500);
            history = (await staff.GetFromJsonAsync<List<TimelineEntry>>($"/api/membership/organizations/{id}/history"))!;
        }

        var lapsed = Assert.Single(history, h => h.What == "Membership lapsed");
        Assert.Equal("Scheduled lapse check", lapsed.RecordedBy);
        Assert.Equal(Today.AddYears(-1).AddMonths(1).AddDays(1), lapsed.EffectiveDate);
        Assert.False((await LoadAsync(staff, id)).IsMember);
    }

    [Fact]
    public async Task The_directory_searches_filters_by_class_and_status_sorts_and_pages_on_the_server()
    {
        var (staff, _) = await JoinAsync("Directory Alpha", "Gold");
        await JoinAsync("Directory Beta", "Gold", Today.AddMonths(-6), "records");
        await JoinAsync("Directory Gamma", "Silver");

        var gold = await staff.GetFromJsonAsync<DirectoryQuery.Result>("/api/membership/organizations?search=directory&memberClass=Gold&sort=Name&descending=true");
        var current = await staff.GetFromJsonAsync<DirectoryQuery.Result>("/api/membership/organizations?search=directory&status=Current");
        var firstPage = await staff.GetFromJsonAsync<DirectoryQuery.Result>("/api/membership/organizations?search=directory&pageSize=2&page=2");

        Assert.Equal(["Directory Beta", "Directory Alpha"], gold!.Items.Select(o => o.Name));
        Assert.Equal("Directory Beta", Assert.Single(current!.Items).Name);
        Assert.Equal((3L, "Directory Gamma"), (firstPage!.Total, Assert.Single(firstPage.Items).Name));
    }

    [Fact]
    public async Task A_toc_member_cannot_change_memberships()
    {
        var (_, id) = await JoinAsync("Guarded Co");
        var toc = await app.ClientAsync(GovernanceApp.Toc);
        var response = await toc.PostAsJsonAsync($"/api/membership/organizations/{id}/departures", new RecordDeparture(id, 2, Today, "Nope"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    static async Task Ok(Task<HttpResponseMessage> sending)
    {
        var response = await sending;
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
    }

    sealed record CreatedId(Guid Id);
}

public class MembershipReports(GovernanceApp app) : IClassFixture<GovernanceApp>
{
    [Fact]
    public async Task Board_seats_as_of_a_past_date_count_the_members_of_that_date()
    {
        var staff = await app.ClientAsync(GovernanceApp.Staff);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        for (var i = 0; i < 5; i++)
            (await staff.PostAsJsonAsync("/api/membership/joins", new RecordJoin($"Gold {i}", null, "Gold", today.AddDays(-10 * i), i == 0 ? null : "records"))).EnsureSuccessStatusCode();
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        var now = await staff.GetFromJsonAsync<SeatsAnswer>("/api/membership/board-seats");
        var before = await staff.GetFromJsonAsync<SeatsAnswer>($"/api/membership/board-seats?asOf={today.AddDays(-5):yyyy-MM-dd}");

        Assert.Equal((5, 1), (now!.Members["Gold"], now.Seats.Gold));
        Assert.Equal((4, 0), (before!.Members["Gold"], before.Seats.Gold));
    }

    sealed record SeatsAnswer(Dictionary<string, int> Members, BoardSeats.Entitlement Seats);
}
