using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Features.Membership;
using Governance.Features.Providers;
using Governance.Testing;

namespace Governance.Tests.Providers;

public class ProvidersThroughTheHost(GovernanceApp app) : IClassFixture<GovernanceApp>
{
    static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    async Task<Guid> MemberAsync(HttpClient staff, string name)
    {
        var joined = await staff.PostAsJsonAsync("/api/membership/joins", new RecordJoin(name, $"https://{name.Replace(" ", "").ToLowerInvariant()}.example", "Silver", Today, null));
        Assert.True(joined.IsSuccessStatusCode, await joined.Content.ReadAsStringAsync());
        return (await joined.Content.ReadFromJsonAsync<Created>())!.Id;
    }

    static CertifiedEngineer[] Engineers(string prefix) =>
        [new($"{prefix} Alice", $"{prefix}-CKA-1", Today.AddYears(1)), new($"{prefix} Bob", $"{prefix}-CKA-2", Today.AddYears(1)), new($"{prefix} Carol", "SHARED-CKA-3", Today.AddYears(2))];

    async Task<Guid> ApplyAsync(HttpClient staff, Guid organizationId, string prefix)
    {
        var applied = await staff.PostAsJsonAsync("/api/providers/applications",
            new ApplyToProgram("kcsp", organizationId, "NL", ["Consulting", "Managed Kubernetes"], Engineers(prefix), ["https://github.com/kubernetes/kubernetes"], "Engineers on site"));
        Assert.True(applied.StatusCode == HttpStatusCode.Created, await applied.Content.ReadAsStringAsync());
        return (await applied.Content.ReadFromJsonAsync<Created>())!.Id;
    }

    [Fact]
    public async Task An_approved_provider_is_listed_publicly_without_its_engineers_or_certificates()
    {
        var staff = await app.ClientAsync(GovernanceApp.Staff);
        var id = await ApplyAsync(staff, await MemberAsync(staff, "Dutch Harbor Consulting"), "DHC");
        var version = 1L;
        foreach (var requirement in new ProviderPrograms().Named("kcsp")!.Requirements)
        {
            var reviewed = await staff.PostAsJsonAsync($"/api/providers/applications/{id}/reviews", new ReviewRequirement(id, version++, requirement.Key, true, null));
            Assert.Equal(HttpStatusCode.NoContent, reviewed.StatusCode);
        }
        Assert.Equal(HttpStatusCode.NoContent, (await staff.PostAsJsonAsync($"/api/providers/applications/{id}/approval", new ApproveProvider(id, version))).StatusCode);

        var anonymous = await app.ClientAsync(null);
        var listed = await anonymous.GetStringAsync("/api/public/providers?program=kcsp&country=nl&service=managed");
        Assert.Contains("Dutch Harbor Consulting", listed);
        Assert.Equal("[]", await anonymous.GetStringAsync("/api/public/providers?country=US"));
        var page = await anonymous.GetStringAsync("/providers");
        Assert.Contains("Dutch Harbor Consulting", page);
        foreach (var secret in new[] { "DHC Alice", "DHC-CKA-1", "SHARED-CKA-3" })
        {
            Assert.DoesNotContain(secret, listed);
            Assert.DoesNotContain(secret, page);
        }
    }

    [Fact]
    public async Task A_certificate_listed_by_two_companies_is_flagged_and_an_unknown_company_is_refused()
    {
        var staff = await app.ClientAsync(GovernanceApp.Staff);
        await ApplyAsync(staff, await MemberAsync(staff, "First Fjord"), "FF");
        var second = await ApplyAsync(staff, await MemberAsync(staff, "Second Sound"), "SS");

        var detail = await staff.GetFromJsonAsync<JsonElement>($"/api/providers/applications/{second}");
        var shared = detail.GetProperty("sharedCertificates").EnumerateArray().Single();
        Assert.Equal(("SHARED-CKA-3", "First Fjord"), (shared.GetProperty("certificateId").GetString(), shared.GetProperty("otherCompany").GetString()));

        var before = await app.EventCountAsync();
        var unknown = await staff.PostAsJsonAsync("/api/providers/applications", new ApplyToProgram("kcsp", Guid.NewGuid(), null, null, Engineers("X"), null, "Support"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(before, await app.EventCountAsync());
    }

    sealed record Created(Guid Id);
}
