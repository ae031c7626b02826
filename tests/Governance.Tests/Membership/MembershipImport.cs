using System.Net.Http.Json;
using System.Text;
using Governance.Features.Membership;
using Governance.Platform;
using Governance.Testing;

namespace Governance.Tests.Membership;

public class MembershipImport(GovernanceApp app) : IClassFixture<GovernanceApp>
{
    static readonly string File = $"""
        name,website,class,joined,reason
        Import One,https://one.example,Gold,2024-01-15,"From the 2024 spreadsheet, row 2"
        Import Two,,silver,2025-03-01,From the spreadsheet
        Import Three,,Diamond,2025-03-01,From the spreadsheet
        Import Four,,Silver,2025-03-01,
        import  one,,Gold,2024-01-15,dup
        Import Five,,Silver,01/03/2025,x
        """;

    async Task<List<MembershipCsv.RowResult>> ImportAsync(HttpClient staff, bool dryRun)
    {
        var response = await staff.PostAsync($"/api/membership/import?dryRun={dryRun}", new StringContent(File, Encoding.UTF8, "text/csv"));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<List<MembershipCsv.RowResult>>())!;
    }

    [Fact]
    public async Task A_dry_run_tells_every_row_then_the_import_records_the_clean_ones_and_a_second_run_changes_nothing()
    {
        var staff = await app.ClientAsync(GovernanceApp.Staff);
        var before = await app.EventCountAsync();

        var preview = await ImportAsync(staff, dryRun: true);

        Assert.Equal(before, await app.EventCountAsync());
        Assert.Equal(
            [MembershipCsv.Outcome.Join, MembershipCsv.Outcome.Join, MembershipCsv.Outcome.Error, MembershipCsv.Outcome.Error, MembershipCsv.Outcome.Error, MembershipCsv.Outcome.Error],
            preview.Select(r => r.Outcome));
        Assert.Contains("not a membership class", preview[2].Detail);
        Assert.Contains("needs a reason", preview[3].Detail);
        Assert.Contains("twice", preview[4].Detail);
        Assert.Contains("YYYY-MM-DD", preview[5].Detail);

        var imported = await ImportAsync(staff, dryRun: false);
        Assert.Equal(preview.Select(r => r.Outcome), imported.Select(r => r.Outcome));
        Assert.Equal(before + 4, await app.EventCountAsync());

        var again = await ImportAsync(staff, dryRun: false);
        Assert.Equal([MembershipCsv.Outcome.Unchanged, MembershipCsv.Outcome.Unchanged], again.Take(2).Select(r => r.Outcome));
        Assert.Equal(before + 4, await app.EventCountAsync());

        var export = await staff.GetStringAsync("/api/membership/export/organizations.csv");
        Assert.Contains("Import One,https://one.example,,Gold,", export);
    }

    [Fact]
    public void Quoted_fields_keep_commas_quotes_and_line_breaks() =>
        Assert.Equal([["a", "b, \"c\"\nd", ""], ["e", "f", "g"]], Csv.Parse("a,\"b, \"\"c\"\"\nd\",\r\ne,f,g\n"));
}
