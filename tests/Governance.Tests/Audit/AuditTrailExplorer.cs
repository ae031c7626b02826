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

/// <summary>Its own database: the explorer test above counts every event in its own.</summary>
public class AuditTrailRecords(GovernanceApp app) : IClassFixture<GovernanceApp>
{
    [Fact]
    public async Task Staff_filter_the_trail_by_organization_or_project_and_each_entry_links_to_its_record()
    {
        var staff = await app.ClientAsync(GovernanceApp.Staff);
        var joined = await staff.PostAsJsonAsync("/api/membership/joins", new RecordJoin("Linked Loon", null, "Silver", DateOnly.FromDateTime(DateTime.UtcNow), null));
        var organization = (await joined.Content.ReadFromJsonAsync<Created>())!.Id;
        var entered = await staff.PostAsJsonAsync("/api/projects/from-records",
            new Governance.Features.Projects.RecordProjectFromRecords("Linked Lynx", "Traced", null, null, new DateOnly(2020, 1, 1), null, null, null, "records"));
        var project = (await entered.Content.ReadFromJsonAsync<Created>())!.Id;
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        var ofOrganization = await staff.GetFromJsonAsync<List<AuditEntry>>($"/api/audit?record={organization}");
        Assert.Equal(["Member joined", "Organization registered"], ofOrganization!.Select(e => e.What));
        Assert.All(ofOrganization!, e => Assert.Equal($"/membership/organizations/{organization}", e.RecordLink()));
        var ofProject = await staff.GetFromJsonAsync<List<AuditEntry>>($"/api/audit?record={project}");
        Assert.NotEmpty(ofProject!);
        Assert.All(ofProject!, e => Assert.Equal(("Project", $"/toc/projects/{project}"), (e.RecordKind, e.RecordLink())));
        Assert.Contains("Linked Lynx", await staff.GetStringAsync($"/toc/projects/{project}"));

        var projectsOnly = await staff.GetFromJsonAsync<List<AuditEntry>>("/api/audit?kind=Project&pageSize=500");
        Assert.All(projectsOnly!, e => Assert.Equal("Project", e.RecordKind));
        Assert.DoesNotContain(projectsOnly!, e => e.StreamKey == organization.ToString());
        var joins = await staff.GetFromJsonAsync<List<AuditEntry>>($"/api/audit?what=joined&record={organization}");
        Assert.Equal(["Member joined"], joins!.Select(e => e.What));
    }

    sealed record Created(Guid Id);
}
