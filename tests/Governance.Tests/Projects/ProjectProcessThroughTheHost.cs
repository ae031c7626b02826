using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Features.Projects;
using Governance.Features.Toc;
using Governance.Platform.Accounts;
using Governance.Testing;
using Governance.Tests.Toc;
using Marten;

namespace Governance.Tests.Projects;

/// <summary>Applications, due diligence and votes over HTTP, as staff and TOC members use them, on a real database.</summary>
public class ProjectProcessThroughTheHost(VotingThroughTheHost.WithToc app) : IClassFixture<VotingThroughTheHost.WithToc>
{

    async Task<Guid> ApplyAsync(string name, ProjectStage stage = ProjectStage.Sandbox)
    {
        var response = await (await app.ClientAsync(GovernanceApp.Staff)).PostAsJsonAsync("/api/projects",
            new ApplyProject(name, $"{name} does one thing well", $"https://github.com/{name.ToLowerInvariant()}/x", null, stage, "Apache-2.0", "Orchestration",
                [new Maintainer("Rae", "Acme"), new Maintainer("Sol", "Initech")]));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<Created>())!.Id;
    }

    async Task<Project> LoadAsync(Guid id)
    {
        await using var session = app.Store.QuerySession();
        return (await session.LoadAsync<Project>(id))!;
    }

    async Task PostAsync(Account who, string path, object body, HttpStatusCode expected = HttpStatusCode.NoContent)
    {
        var response = await (await app.ClientAsync(who)).PostAsJsonAsync(path, body);
        Assert.True(response.StatusCode == expected, $"{path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The first <paramref name="against"/> members vote against, the next <paramref name="inFavour"/> in favour.</summary>
    async Task<Guid> VoteAsync(MotionKind kind, Guid projectId, int inFavour, int against)
    {
        var voteId = await app.OpenAsync(new Motion(kind, projectId, $"{kind} {projectId}"), VoteProfile.Default with { MinimumOpen = TimeSpan.Zero });
        for (var i = 0; i < inFavour + against; i++)
        {
            var ballot = await (await app.ClientAsync(app.Members[i])).PostAsJsonAsync($"/api/toc/votes/{voteId}/ballot",
                new TocApi.BallotRequest(i < against ? Choice.Against : Choice.InFavour));
            if (ballot.StatusCode != HttpStatusCode.OK) break; // closed on the ballot that settled it
        }
        return voteId;
    }

    [Fact]
    public async Task An_application_goes_through_the_queue_to_the_sandbox_with_every_decision_published()
    {
        var id = await ApplyAsync("Kestrel Kite");
        var toc = app.Members[0];
        await PostAsync(toc, $"/api/projects/{id}/information-requests", new RequestInformation(id, 1, "Who maintains it?"));
        Assert.Equal(ApplicationState.NeedInfo, (await LoadAsync(id)).Application);
        await PostAsync(GovernanceApp.Staff, $"/api/projects/{id}/information", new RecordInformationProvided(id, 2, "Rae at Acme and Sol at Initech"));
        await PostAsync(toc, $"/api/projects/{id}/review-session", new ScheduleReview(id, 3, DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(1)));

        var queue = await (await app.ClientAsync(toc)).GetFromJsonAsync<JsonElement>("/api/projects/queue");
        var row = queue.EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == id);
        Assert.Equal(ApplicationState.Upcoming, (ApplicationState)row.GetProperty("state").GetInt32());
        Assert.StartsWith("TOC: review at the session", row.GetProperty("nextStep").GetString());

        var voteId = await VoteAsync(MotionKind.AcceptIntoSandbox, id, 8, 1);
        var project = await LoadAsync(id);
        Assert.Equal((ProjectStage.Sandbox, ApplicationState.Approved), (project.Stage, project.Application!.Value));
        Assert.StartsWith("TOC vote passed: 8 in favour, 1 against", project.Decision);
        var opened = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        Assert.Contains($"href=\"/toc/projects/{id}?asOf={opened:yyyy-MM-dd}\"", await (await app.ClientAsync(toc)).GetStringAsync($"/toc/votes/{voteId}"));
    }

    [Fact]
    public async Task A_failed_vote_declines_with_the_tally_and_a_returning_application_is_reviewed_first()
    {
        var older = await ApplyAsync("Older Owl");
        var id = await ApplyAsync("Brisk Badger");
        var voteId = await VoteAsync(MotionKind.AcceptIntoSandbox, id, 0, 4);

        var declined = await LoadAsync(id);
        Assert.Equal(ApplicationState.Declined, declined.Application);
        Assert.StartsWith("TOC vote failed: 0 in favour, 4 against", declined.Decision);
        await using (var session = app.Store.QuerySession())
            Assert.Equal(voteId, (await session.Events.FetchStreamAsync(id)).Select(e => e.Data).OfType<ApplicationDeclined>().Single().VoteId);

        await PostAsync(GovernanceApp.Staff, $"/api/projects/{id}/reapplication", new Reapply(id, declined.Version, "Adopters now on record"));
        var queue = (await (await app.ClientAsync(app.Members[0])).GetFromJsonAsync<JsonElement>("/api/projects/queue")).EnumerateArray().ToList();
        var places = queue.Where(r => r.GetProperty("place").ValueKind == JsonValueKind.Number)
            .ToDictionary(r => r.GetProperty("id").GetGuid(), r => r.GetProperty("place").GetInt32());
        Assert.True(places[id] < places[older], "a returning application comes before an older first-time one");
    }

    [Fact]
    public async Task A_sandbox_project_moves_to_incubation_only_after_due_diligence_and_both_comment_periods()
    {
        // Entered from the records, as the foundation's older projects are.
        var entered = await (await app.ClientAsync(GovernanceApp.Staff)).PostAsJsonAsync("/api/projects/from-records",
            new RecordProjectFromRecords("Steady Stork", "Stores things", null, null, new DateOnly(2022, 5, 1), null, null, null, "landscape.yml"));
        var id = (await entered.Content.ReadFromJsonAsync<Created>())!.Id;
        var sponsor = app.Members[1];

        await PostAsync(GovernanceApp.Staff, $"/api/projects/{id}/level-application", new FileLevelApplication(id, (await LoadAsync(id)).Version, ProjectStage.Incubating));
        await PostAsync(app.Members[0], "/api/toc/votes", new OpenVote(new Motion(MotionKind.MoveToIncubation, id, "Too early")), HttpStatusCode.BadRequest);
        await PostAsync(sponsor, $"/api/projects/{id}/sponsors", new SponsorDueDiligence(id, (await LoadAsync(id)).Version, null));
        foreach (var criterion in new ProjectRules().Incubation.Where(c => c.Required))
            await PostAsync(sponsor, $"/api/projects/{id}/evidence", new RecordEvidence(id, (await LoadAsync(id)).Version, criterion.Key, $"https://example.org/{criterion.Key}", true, null));
        await PostAsync(sponsor, $"/api/projects/{id}/comment-periods", new OpenCommentPeriod(id, (await LoadAsync(id)).Version, CommentPeriod.Internal));
        await PostAsync(sponsor, $"/api/projects/{id}/comment-periods", new OpenCommentPeriod(id, (await LoadAsync(id)).Version, CommentPeriod.Public), HttpStatusCode.BadRequest);

        app.Clock.Advance(TimeSpan.FromDays(7));
        await PostAsync(sponsor, $"/api/projects/{id}/comment-periods", new OpenCommentPeriod(id, (await LoadAsync(id)).Version, CommentPeriod.Public));
        await PostAsync(app.Members[0], "/api/toc/votes", new OpenVote(new Motion(MotionKind.MoveToIncubation, id, "Still in public comment")), HttpStatusCode.BadRequest);
        app.Clock.Advance(TimeSpan.FromDays(14));
        await VoteAsync(MotionKind.MoveToIncubation, id, 8, 0);

        var project = await LoadAsync(id);
        Assert.Equal((ProjectStage.Incubating, null), (project.Stage, project.Level));
        var detail = await (await app.ClientAsync(app.Members[0])).GetFromJsonAsync<JsonElement>($"/api/projects/{id}");
        var timeline = detail.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("what").GetString()).ToList();
        Assert.Contains("Accepted into the Sandbox", timeline);
        Assert.Contains("Applied to move to Incubating", timeline);
        Assert.Contains(timeline, t => t!.StartsWith("Public comment period until"));
        Assert.Contains(timeline, t => t!.StartsWith("Vote passed"));
        Assert.Equal("Moved to Incubation", timeline[^1]);
    }

    [Fact]
    public async Task A_stale_edit_is_refused_by_name_and_records_nothing()
    {
        var id = await ApplyAsync("Stale Starling");
        await PostAsync(app.Members[0], $"/api/projects/{id}/information-requests", new RequestInformation(id, 1, "Which license?"));
        var before = await app.EventCountAsync();

        var response = await (await app.ClientAsync(app.Members[2])).PostAsJsonAsync($"/api/projects/{id}/decline", new DeclineApplication(id, 1, "Out of scope"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("was changed by TOC Member 1", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.EventCountAsync());
    }

    [Fact]
    public async Task Only_toc_members_decide_applications_and_reads_need_a_role()
    {
        var id = await ApplyAsync("Guarded Gull");
        var staffDecides = await (await app.ClientAsync(GovernanceApp.Staff)).PostAsJsonAsync($"/api/projects/{id}/decline", new DeclineApplication(id, 1, "No"));
        Assert.Equal(HttpStatusCode.Forbidden, staffDecides.StatusCode);
        var anonymous = await (await app.ClientAsync(null)).GetAsync("/api/projects/queue");
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
    }

    [Fact]
    public async Task The_queue_board_and_project_pages_render_for_the_toc()
    {
        var id = await ApplyAsync("Paged Pelican");
        var toc = await app.ClientAsync(app.Members[0]);
        Assert.Contains("Paged Pelican", await toc.GetStringAsync("/toc/queue"));
        Assert.Contains("Paged Pelican", await toc.GetStringAsync("/toc/board"));
        var page = await toc.GetStringAsync("/toc/projects/paged-pelican");
        Assert.Contains("TOC: triage the application", page);
        Assert.Contains("Applied for the Sandbox", page);
        Assert.Equal(ProjectStage.Applied, (await LoadAsync(id)).Stage);
    }

    sealed record Created(Guid Id);
}
