using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using Governance.Features.Membership;
using Governance.Features.Publishing;
using Governance.Testing;

namespace Governance.Tests.Publishing;

/// <summary>What the public sees without signing in: the members page, the JSON API and the CloudEvents feed.</summary>
public class PublicMembersAndEvents(PublicMembersAndEvents.WithMembers app) : IClassFixture<PublicMembersAndEvents.WithMembers>
{
    const string PrivateReason = "Confidential: discount agreed at the board dinner";

    public sealed class WithMembers : GovernanceApp
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var staff = await ClientAsync(Staff);
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            foreach (var (name, memberClass, joined, reason) in new[]
                     {
                         ("Acme Cloud", "Gold", today.AddYears(-3), PrivateReason),
                         ("Bravo Systems", "Silver", today.AddMonths(-2), "From the 2026 signup sheet"),
                         ("Charlie University", "Academic", today, null),
                     })
            {
                var response = await staff.PostAsJsonAsync("/api/membership/joins", new RecordJoin(name, $"https://{name.Replace(' ', '-')}.example", memberClass, joined, reason));
                response.EnsureSuccessStatusCode();
            }
        }
    }

    [Fact]
    public async Task The_members_page_lists_members_by_class_for_anyone_and_is_crawlable()
    {
        var anonymous = await app.ClientAsync(null);
        var response = await anonymous.GetAsync("/members");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<title>Members · Governance</title>", html);
        Assert.Contains("<meta name=\"description\" content=\"3 current member organizations of the foundation", html);
        Assert.Contains($"<link rel=\"canonical\" href=\"{app.BaseAddress}members\"", html);
        Assert.Contains("<h2 id=\"class-gold\">Gold", html);
        Assert.Contains(">Acme Cloud</a>", html);
        Assert.DoesNotContain("data-interactive", html);
    }

    [Theory]
    [InlineData("/members")]
    [InlineData("/api/public/members")]
    [InlineData("/api/public/events")]
    public async Task Nothing_private_reaches_the_public(string path)
    {
        var body = await (await app.ClientAsync(null)).GetStringAsync(path);

        Assert.DoesNotContain(PrivateReason, body);
        Assert.DoesNotContain("From the 2026 signup sheet", body);
        Assert.DoesNotContain(GovernanceApp.Staff.DisplayName, body);
        Assert.DoesNotContain(GovernanceApp.Staff.Id, body);
    }

    [Fact]
    public async Task The_members_api_filters_by_class_and_answers_304_to_a_known_etag()
    {
        var anonymous = await app.ClientAsync(null);
        var gold = await anonymous.GetAsync("/api/public/members?class=gold");
        var members = await gold.Content.ReadFromJsonAsync<List<PublicApi.PublicMember>>();

        Assert.Equal("Acme Cloud", Assert.Single(members!).Name);
        Assert.Equal("public, max-age=60", gold.Headers.CacheControl!.ToString());

        var again = new HttpRequestMessage(HttpMethod.Get, "/api/public/members?class=gold");
        again.Headers.IfNoneMatch.Add(gold.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await anonymous.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task The_event_feed_is_valid_cloudevents_paged_and_resumable_from_a_cursor()
    {
        var anonymous = await app.ClientAsync(null);

        var first = await anonymous.GetFromJsonAsync<PublicApi.EventPage>("/api/public/events?limit=4");
        var rest = await anonymous.GetFromJsonAsync<PublicApi.EventPage>($"/api/public/events?after={first!.Next}&limit=4");

        Assert.Equal(4, first.Events.Length);
        Assert.NotNull(first.Next);
        Assert.Equal(2, rest!.Events.Length);
        Assert.Null(rest.Next);

        var events = first.Events.Concat(rest.Events)
            .Select(json => PublicEvents.Formatter.DecodeStructuredModeMessage(Encoding.UTF8.GetBytes(json.GetRawText()), new System.Net.Mime.ContentType("application/cloudevents+json"), null))
            .ToList();
        Assert.All(events, e =>
        {
            Assert.True(e.IsValid);
            Assert.Equal(CloudEventsSpecVersion.V1_0, e.SpecVersion);
            Assert.NotNull(e.Id);
            Assert.NotNull(e.Source);
            Assert.StartsWith(PublicEvents.TypePrefix, e.Type);
        });
        Assert.Equal(3, events.Count(e => e.Type == "org.governance.member-joined"));
        Assert.Equal(6, events.Select(e => e.Id).Distinct().Count());
    }
}
