using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Governance.Features.Landscape;
using Governance.Features.Membership;
using Governance.Features.Projects;
using Governance.Features.Publishing;
using Governance.Testing;
using Marten;

namespace Governance.Tests.Landscape;

/// <summary>landscape.yml in and out, and the public project pages and endpoints built on what it recorded.</summary>
public class LandscapeImportAndPublicProjects(GovernanceApp app) : IClassFixture<GovernanceApp>
{
    static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Landscape", name));

    async Task<ImportReport> ImportAsync(string yaml, bool dryRun = false)
    {
        var staff = await app.ClientAsync(GovernanceApp.Staff);
        var response = await staff.PostAsync($"/api/landscape/import?dryRun={dryRun}", new StringContent(yaml, Encoding.UTF8, "application/yaml"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ImportReport>())!;
    }

    static ImportLine Line(ImportReport report, string item) => report.Lines.Single(l => l.Item == item);

    [Fact]
    public async Task Importing_twice_changes_nothing_a_newer_file_records_only_its_differences_and_an_export_imports_back_unchanged()
    {
        var preview = await ImportAsync(Fixture("landscape-v1.yml"), dryRun: true);
        Assert.Equal(0, await app.EventCountAsync());
        Assert.Equal(11, preview.Count(ImportOutcome.Added));

        var first = await ImportAsync(Fixture("landscape-v1.yml"));
        Assert.Equal((11, 4), (first.Count(ImportOutcome.Added), first.Count(ImportOutcome.Error)));
        Assert.Contains("not a foundation member", Line(first, "Stranger Things Inc (KCSP)").Detail);
        var providers = await (await app.ClientAsync(null)).GetStringAsync("/api/public/providers");
        Assert.Contains("Icefall Systems", providers);
        Assert.Contains("Kubernetes and Cloud Native Training Partner", providers);
        Assert.Contains("not a date", Line(first, "Broken Date").Detail);
        Assert.Contains("dates say Sandbox", Line(first, "Wrong Stage").Detail);
        Assert.Contains("matches no membership class", Line(first, "Nowhere Corp (member)").Detail);
        Assert.DoesNotContain(first.Lines, l => l.Item == "Not A Project");

        var events = await app.EventCountAsync();
        var again = await ImportAsync(Fixture("landscape-v1.yml"));
        Assert.Equal((0, 11), (again.EventsAppended, again.Count(ImportOutcome.Unchanged)));
        Assert.Equal(events, await app.EventCountAsync());

        // /projects counts what the file says per stage.
        var page = await (await app.ClientAsync(null)).GetStringAsync("/projects");
        var counts = Regex.Matches(page, "data-stage=\"(\\w+)\">\\w+ <span class=\"public-count\">(\\d+)</span>")
            .ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value));
        Assert.Equal(new Dictionary<string, int> { ["Sandbox"] = 2, ["Incubating"] = 1, ["Graduated"] = 1, ["Archived"] = 1 }, counts);

        await using (var session = app.Store.QuerySession())
        {
            var glacier = await session.Query<Project>().SingleAsync(p => p.Slug == "glacier");
            Assert.Equal((null, new DateOnly(2020, 11, 3)), (glacier.Sandbox, glacier.Incubating)); // straight into Incubation
            var permafrost = await session.Query<Organization>().SingleAsync(o => o.Name == "Permafrost Bank");
            Assert.Equal("End User", permafrost.MemberClass);
            Assert.Equal(MembershipStatus.Current, (await session.Query<Organization>().SingleAsync(o => o.Name == "Snowfield Cloud")).StatusOn(DateOnly.FromDateTime(DateTime.UtcNow)));
        }

        var newer = await ImportAsync(Fixture("landscape-v2.yml"));
        Assert.Equal(ImportOutcome.Added, Line(newer, "Kettle").Outcome);
        Assert.Equal("ProjectGraduated", Line(newer, "Glacier").Detail);
        Assert.Equal("SecurityAuditRecorded", Line(newer, "Moraine").Detail);
        Assert.Equal("Gold → Platinum", Line(newer, "Icefall Systems (member)").Detail);
        Assert.Equal("Stranger Things Inc (KCSP)", Assert.Single(newer.Lines, l => l.Outcome == ImportOutcome.Error).Item);
        Assert.Equal(4, newer.Lines.Count(l => l.Outcome is ImportOutcome.Added or ImportOutcome.Changed));

        var exported = await (await app.ClientAsync(null)).GetStringAsync("/api/public/landscape.yml");
        events = await app.EventCountAsync();
        var roundTrip = await ImportAsync(exported);
        Assert.Equal(0, roundTrip.EventsAppended);
        Assert.Equal(0, roundTrip.Count(ImportOutcome.Error));
        Assert.Equal(events, await app.EventCountAsync());

        var csv = (await (await app.ClientAsync(null)).GetStringAsync("/api/public/projects.csv")).Split('\n');
        Assert.Equal(PublicProjects.CsvHeader, csv[0]);
        Assert.Contains("Fjord,graduated,Orchestration & Management / Scheduling & Orchestration,2018-04-10,2018-04-10,2019-08-20,2022-03-15,,1,2021-06-01", csv);
    }

    [Fact]
    public async Task Public_pages_and_endpoints_show_lifecycle_and_never_private_records()
    {
        var staff = await app.ClientAsync(GovernanceApp.Staff);
        var entered = await staff.PostAsJsonAsync("/api/projects/from-records",
            new RecordProjectFromRecords("Quiet Quokka", "Keeps secrets", "https://github.com/qq/qq", null, new DateOnly(2021, 3, 3), new DateOnly(2023, 4, 4), null, null, "records"));
        var id = (await entered.Content.ReadFromJsonAsync<Created>())!.Id;
        await staff.PostAsJsonAsync($"/api/projects/{id}/audits", new RecordSecurityAudit(id, 3, new DateOnly(2024, 1, 9), "Trail of Bits", "https://example.org/qq-audit.pdf", null));
        await staff.PostAsJsonAsync($"/api/projects/{id}/level-application", new FileLevelApplication(id, 4, ProjectStage.Graduated));
        var sponsored = await (await app.ClientAsync(GovernanceApp.Toc)).PostAsJsonAsync($"/api/projects/{id}/sponsors", new SponsorDueDiligence(id, 5, "Advises a competitor"));
        Assert.Equal(HttpStatusCode.NoContent, sponsored.StatusCode);
        var applicant = await staff.PostAsJsonAsync("/api/projects", new ApplyProject("Pending Puffin", "Not accepted yet", null, null, ProjectStage.Sandbox));
        Assert.Equal(HttpStatusCode.Created, applicant.StatusCode);

        var anonymous = await app.ClientAsync(null);
        var page = await anonymous.GetStringAsync("/projects/quiet-quokka");
        Assert.Contains("<h1>Quiet Quokka</h1>", page);
        Assert.Contains("rel=\"canonical\"", page);
        Assert.Contains("Moved to Incubation", page);
        Assert.Contains("Trail of Bits", page);
        Assert.DoesNotContain("blazor.web.js\" autostart", page);
        Assert.Contains("Applied to move to Graduated", page); // public, as the CNCF's application issues are
        Assert.DoesNotContain("Advises a competitor", page); // a sponsor's declared conflict is the TOC's
        Assert.DoesNotContain("Pending Puffin", await anonymous.GetStringAsync("/projects"));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/public/projects/pending-puffin")).StatusCode);

        var list = await anonymous.GetAsync("/api/public/projects?stage=Incubating");
        var again = new HttpRequestMessage(HttpMethod.Get, "/api/public/projects?stage=Incubating");
        again.Headers.IfNoneMatch.Add(list.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await anonymous.SendAsync(again)).StatusCode);
        var detail = await anonymous.GetFromJsonAsync<PublicProjects.PublicProjectDetail>("/api/public/projects/quiet-quokka");
        Assert.Equal((ProjectStage.Incubating, new DateOnly(2023, 4, 4)), (detail!.Project.Stage, detail.Project.Incubating!.Value));
        Assert.All(detail.Timeline, t => Assert.True(t.Public));

        var feed = XDocument.Parse(await anonymous.GetStringAsync("/feeds/lifecycle.atom"));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        Assert.Contains(feed.Root!.Elements(atom + "entry"), e => e.Element(atom + "title")!.Value == "Quiet Quokka: moved to Incubation on 2023-04-04");
    }

    [Fact]
    public async Task Public_projects_as_of_a_date_show_the_stage_they_had_then_and_omit_what_came_later()
    {
        var staff = await app.ClientAsync(GovernanceApp.Staff);
        var entered = await staff.PostAsJsonAsync("/api/projects/from-records", new RecordProjectFromRecords("Bygone Bittern", "Came and went", null, null,
            new DateOnly(2019, 1, 1), new DateOnly(2021, 1, 1), null, new DateOnly(2023, 1, 1), "records"));
        Assert.Equal(HttpStatusCode.Created, entered.StatusCode);
        var anonymous = await app.ClientAsync(null);

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/public/projects/bygone-bittern?asOf=2018-12-31")).StatusCode);
        foreach (var (day, stage, incubating, archived) in new[]
                 {
                     ("2019-01-01", ProjectStage.Sandbox, (DateOnly?)null, (DateOnly?)null),
                     ("2022-06-30", ProjectStage.Incubating, new DateOnly(2021, 1, 1), null),
                     ("2023-01-01", ProjectStage.Archived, new DateOnly(2021, 1, 1), new DateOnly(2023, 1, 1)),
                 })
        {
            var asOf = await anonymous.GetFromJsonAsync<PublicProjects.PublicProjectDetail>($"/api/public/projects/bygone-bittern?asOf={day}");
            Assert.Equal((stage, incubating, archived), (asOf!.Project.Stage, asOf.Project.Incubating, asOf.Project.Archived));
            Assert.All(asOf.Timeline, t => Assert.True(t.Date <= DateOnly.Parse(day)));
        }
        Assert.DoesNotContain(await anonymous.GetFromJsonAsync<PublicProjects.PublicProject[]>("/api/public/projects?asOf=2018-12-31") ?? [], p => p.Slug == "bygone-bittern");
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/api/public/projects?asOf=yesterday")).StatusCode);

        var page = await anonymous.GetStringAsync("/projects?asOf=2022-06-30");
        Assert.Contains("data-test=\"as-of\"", page);
        Assert.Contains("/projects/bygone-bittern?asOf=2022-06-30", page);
    }

    sealed record Created(Guid Id);
}
