using System.Net;
using System.Net.Http.Json;
using Governance.Features.Audit;
using Governance.Features.Membership;
using Governance.Testing;
using Marten.Events;

namespace Governance.Tests.Audit;

public class AuditTrailExplorer(GovernanceApp app) : IClassFixture<GovernanceApp>
{
    [Fact]
    public async Task Staff_filter_the_trail_by_person_and_event_and_export_it_as_csv()
    {
        var staff = await app.ClientAsync(GovernanceApp.Staff);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        (await staff.PostAsJsonAsync("/api/membership/joins", new RecordJoin("Audit Corp", null, "Gold", today.AddDays(-10), "Signed, \"late\" paperwork"))).EnsureSuccessStatusCode();
        (await staff.PostAsJsonAsync("/api/membership/joins", new RecordJoin("=Formula Ltd", null, "Silver", today, null))).EnsureSuccessStatusCode();
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        var joins = await staff.GetFromJsonAsync<List<AuditEntry>>($"/api/audit?person=sam&what={Uri.EscapeDataString("Member joined")}");
        var nobody = await staff.GetFromJsonAsync<List<AuditEntry>>("/api/audit?person=someone-else");
        var csv = await staff.GetStringAsync("/api/audit/export.csv");

        Assert.Equal(2, joins!.Count);
        Assert.Equal([today, today.AddDays(-10)], joins.Select(e => e.EffectiveDate!.Value));
        Assert.Empty(nobody!);
        Assert.StartsWith("sequence,recorded_at,recorded_by", csv);
        Assert.Contains("\"Signed, \"\"late\"\" paperwork\"", csv);
        Assert.Equal(5, csv.Trim().Split('\n').Length); // header + 2 registrations + 2 joins
    }

    [Fact]
    public async Task Only_staff_read_the_audit_trail()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await (await app.ClientAsync(null)).GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsync(GovernanceApp.Toc)).GetAsync("/api/audit/export.csv")).StatusCode);
    }

    [Theory]
    [InlineData("=SUM(A1)", "'=SUM(A1)")]
    [InlineData("a,b", "\"a,b\"")]
    public void Csv_cells_are_quoted_and_never_formulas(string reason, string cell) =>
        Assert.Contains(cell, AuditApi.ToCsv([new AuditEntry { Reason = reason, StreamKey = "x", What = "y" }]));
}
