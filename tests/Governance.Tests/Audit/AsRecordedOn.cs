using System.Net;
using System.Net.Http.Json;
using Governance.Features.Membership;
using Governance.Features.Projects;
using Governance.Features.Publishing;
using Marten;
using Marten.Events;
using Governance.Testing;

namespace Governance.Tests.Audit;

/// <summary>Bitemporal reads: what the records said at a past recorded time, whatever was entered after it.</summary>
public class AsRecordedOn(GovernanceApp app) : IClassFixture<GovernanceApp>
{
    [Fact]
    public async Task An_organization_as_recorded_before_a_change_shows_what_the_records_said_then()
    {
        var staff = await app.ClientAsync(GovernanceApp.Staff);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var joined = await staff.PostAsJsonAsync("/api/membership/joins", new RecordJoin("Timely Tern", null, "Silver", today, null));
        var id = (await joined.Content.ReadFromJsonAsync<Created>())!.Id;
        await Task.Delay(50);
        var before = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        var changed = await staff.PostAsJsonAsync($"/api/membership/organizations/{id}/tier", new ChangeTier(id, 2, "Gold", today, null));
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);

        var then = await staff.GetFromJsonAsync<Organization>($"/api/membership/organizations/{id}/as-recorded?on={Uri.EscapeDataString(before.ToString("O"))}");
        var now = await staff.GetFromJsonAsync<Organization>($"/api/membership/organizations/{id}/as-recorded?on={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddSeconds(1).ToString("O"))}");
        Assert.Equal(("Silver", 2L), (then!.MemberClass, then.Version));
        Assert.Equal(("Gold", 3L), (now!.MemberClass, now.Version));
        var beforeItExisted = await staff.GetAsync($"/api/membership/organizations/{id}/as-recorded?on={Uri.EscapeDataString(before.AddHours(-1).ToString("O"))}");
        Assert.Equal(HttpStatusCode.NotFound, beforeItExisted.StatusCode);
    }

    [Fact]
    public async Task A_correction_changes_as_of_but_not_as_recorded_before_it_and_both_entries_stay_in_the_history()
    {
        var staff = await app.ClientAsync(GovernanceApp.Staff);
        var entered = await staff.PostAsJsonAsync("/api/projects/from-records",
            new RecordProjectFromRecords("Mended Merlin", "Was entered with the wrong date", null, null, new DateOnly(2019, 1, 1), null, null, null, "records"));
        var id = (await entered.Content.ReadFromJsonAsync<Created>())!.Id;
        await Task.Delay(50);
        var beforeCorrection = DateTimeOffset.UtcNow;
        await Task.Delay(50);

        var refused = await staff.PostAsJsonAsync($"/api/projects/{id}/stage-date-corrections", new CorrectStageDate(id, 2, ProjectStage.Incubating, new DateOnly(2019, 3, 1), "no such date"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var corrected = await staff.PostAsJsonAsync($"/api/projects/{id}/stage-date-corrections", new CorrectStageDate(id, 2, ProjectStage.Sandbox, new DateOnly(2019, 3, 1), "The TOC vote closed in March, not January"));
        Assert.Equal(HttpStatusCode.NoContent, corrected.StatusCode);

        var anonymous = await app.ClientAsync(null);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/public/projects/mended-merlin?asOf=2019-02-01")).StatusCode);
        Assert.Equal(new DateOnly(2019, 3, 1), (await anonymous.GetFromJsonAsync<PublicProjects.PublicProjectDetail>("/api/public/projects/mended-merlin"))!.Project.Accepted);
        var recorded = await staff.GetFromJsonAsync<Project>($"/api/projects/{id}/as-recorded?on={Uri.EscapeDataString(beforeCorrection.ToString("O"))}");
        Assert.Equal(new DateOnly(2019, 1, 1), recorded!.Sandbox);

        var timeline = (await anonymous.GetFromJsonAsync<PublicProjects.PublicProjectDetail>("/api/public/projects/mended-merlin"))!.Timeline;
        Assert.Contains(timeline, t => t.What == "Accepted into the Sandbox" && t.Date == new DateOnly(2019, 1, 1));
        Assert.Contains(timeline, t => t.What == "Corrected: the Sandbox date was 2019-01-01, is 2019-03-01" && t.Detail == "The TOC vote closed in March, not January");
        await using var session = app.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(id);
        Assert.Equal(2, Assert.IsType<StageDateCorrected>(events[^1].Data).CorrectsVersion);
        Assert.Equal(new DateOnly(2019, 1, 1), Assert.IsType<ProjectAcceptedIntoSandbox>(events[1].Data).EffectiveDate);
    }

    [Fact]
    public async Task Members_as_of_a_date_are_the_ones_with_the_class_they_had_then()
    {
        var staff = await app.ClientAsync(GovernanceApp.Staff);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var joined = await staff.PostAsJsonAsync("/api/membership/joins", new RecordJoin("Early Egret", null, "Silver", today.AddDays(-300), "Signed last winter"));
        var egret = (await joined.Content.ReadFromJsonAsync<Created>())!.Id;
        Assert.Equal(HttpStatusCode.NoContent, (await staff.PostAsJsonAsync($"/api/membership/organizations/{egret}/tier",
            new ChangeTier(egret, 2, "Gold", today.AddDays(-100), "Board approved the upgrade"))).StatusCode);
        (await staff.PostAsJsonAsync("/api/membership/joins", new RecordJoin("Late Lark", null, "Silver", today.AddDays(-10), "Signed this month"))).EnsureSuccessStatusCode();
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        var anonymous = await app.ClientAsync(null);
        async Task<string[]> MembersOn(int daysAgo) =>
            (await anonymous.GetFromJsonAsync<PublicApi.PublicMember[]>($"/api/public/members?asOf={today.AddDays(-daysAgo):yyyy-MM-dd}"))!
            .Where(m => m.Name is "Early Egret" or "Late Lark").Select(m => $"{m.Name}:{m.MemberClass}").ToArray();
        Assert.Empty(await MembersOn(400));
        Assert.Equal(["Early Egret:Silver"], await MembersOn(200));
        Assert.Equal(["Early Egret:Gold"], await MembersOn(50));
        Assert.Equal(["Early Egret:Gold", "Late Lark:Silver"], await MembersOn(0));
        Assert.Contains("data-test=\"as-of\"", await anonymous.GetStringAsync($"/members?asOf={today.AddDays(-50):yyyy-MM-dd}"));
    }

    sealed record Created(Guid Id);
}
