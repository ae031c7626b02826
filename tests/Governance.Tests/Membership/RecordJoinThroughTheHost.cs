using System.Net;
using System.Net.Http.Json;
using Governance.Features.Membership;
using Governance.Platform.Accounts;
using Governance.Testing;
using Governance.Platform;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Tests.Membership;

/// <summary>The join slice through the real HTTP API, Wolverine, Marten and PostgreSQL.</summary>
public class RecordJoinThroughTheHost(GovernanceApp app) : IClassFixture<GovernanceApp>
{
    static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task Staff_record_a_join_and_the_directory_and_counts_show_it_with_who_recorded_it()
    {
        var staff = await app.ClientAsync(GovernanceApp.Staff);
        var before = await CountOf(staff, "Platinum");

        var response = await staff.PostAsJsonAsync("/api/membership/joins", new RecordJoin("Initech", "https://initech.example", "Platinum", Today, null));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<Created>())!.Id;
        var row = await staff.GetFromJsonAsync<Organization>($"/api/membership/organizations/{id}");
        Assert.Equal(("Initech", "Platinum", Today), (row!.Name, row.MemberClass, row.JoinedOn!.Value));
        Assert.Equal(before + 1, await CountOf(staff, "Platinum"));

        await using var session = app.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(id);
        Assert.Equal([typeof(OrganizationRegistered), typeof(MemberJoined)], events.Select(e => e.EventType));
        Assert.All(events, e =>
        {
            Assert.Equal(GovernanceApp.Staff.DisplayName, e.UserName);
            Assert.Equal(GovernanceApp.Staff.Id, e.Headers![CommandAuthorization.ActorHeader]?.ToString());
            Assert.False(string.IsNullOrEmpty(e.CorrelationId));
        });
    }

    [Fact]
    public async Task A_refused_join_answers_with_the_reason_and_appends_nothing()
    {
        var staff = await app.ClientAsync(GovernanceApp.Staff);
        var before = await app.EventCountAsync();

        var response = await staff.PostAsJsonAsync("/api/membership/joins", new RecordJoin("Hooli", null, "Gold", Today.AddYears(-2), null));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("needs a reason", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.EventCountAsync());
    }

    [Fact]
    public async Task A_second_organization_of_the_same_name_ignoring_case_and_spacing_is_refused()
    {
        var staff = await app.ClientAsync(GovernanceApp.Staff);
        Assert.Equal(HttpStatusCode.Created, (await staff.PostAsJsonAsync("/api/membership/joins", new RecordJoin("Pied Piper", null, "Silver", Today, null))).StatusCode);
        var before = await app.EventCountAsync();

        var again = await staff.PostAsJsonAsync("/api/membership/joins", new RecordJoin("pied  PIPER", null, "Gold", Today, null));

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("already on record", await again.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.EventCountAsync());
    }

    [Fact]
    public async Task A_toc_member_cannot_record_membership_changes()
    {
        var toc = await app.ClientAsync(GovernanceApp.Toc);
        var before = await app.EventCountAsync();

        var response = await toc.PostAsJsonAsync("/api/membership/joins", new RecordJoin("Umbrella", null, "Gold", Today, null));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await app.EventCountAsync());
    }

    [Fact]
    public async Task The_handler_itself_refuses_a_command_sent_for_someone_without_the_staff_role()
    {
        var before = await app.EventCountAsync();
        using var scope = app.Services.CreateScope();
        var bus = scope.ServiceProvider.GetRequiredService<Wolverine.IMessageBus>();
        var toc = Governance.Platform.Accounts.SignIn.PrincipalFor(GovernanceApp.Toc);
        var forged = Governance.Platform.Accounts.SignIn.PrincipalFor(new Account { Id = "nobody@nowhere", DisplayName = "Nobody", Roles = [Roles.Staff] });

        await Assert.ThrowsAsync<NotAuthorized>(() => bus.InvokeAsAsync<Guid>(toc, new RecordJoin("Soylent", null, "Gold", Today, null)));
        await Assert.ThrowsAsync<NotAuthorized>(() => bus.InvokeAsAsync<Guid>(forged, new RecordJoin("Soylent", null, "Gold", Today, null)));
        Assert.Equal(before, await app.EventCountAsync());
    }

    [Theory]
    [InlineData("/api/membership/organizations")]
    [InlineData("/api/membership/counts")]
    public async Task An_anonymous_caller_reaches_no_staff_api(string path)
    {
        var anonymous = await app.ClientAsync(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await anonymous.PostAsJsonAsync("/api/membership/joins", new RecordJoin("Anon", null, "Gold", Today, null))).StatusCode);
    }

    [Theory]
    [InlineData("/membership")]
    [InlineData("/membership/join")]
    public async Task An_anonymous_visitor_is_sent_to_sign_in_from_staff_pages(string path)
    {
        var anonymous = await app.ClientAsync(null);
        var response = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task A_toc_member_is_denied_staff_pages()
    {
        var toc = await app.ClientAsync(GovernanceApp.Toc);
        var response = await toc.GetAsync("/membership");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery);
    }

    static async Task<int> CountOf(HttpClient client, string memberClass) =>
        (await client.GetFromJsonAsync<List<ClassCount>>("/api/membership/counts"))!.Single(c => c.MemberClass == memberClass).Count;

    sealed record Created(Guid Id);
    sealed record ClassCount(string MemberClass, int Count);
}
