using System.Net;
using System.Net.Http.Json;
using Governance.Features.Membership;
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

    sealed record Created(Guid Id);
}
