using System.Net;
using System.Net.Http.Json;
using Governance.Features.Projects;
using Governance.Features.Toc;
using Governance.Platform.Accounts;
using Governance.Testing;
using Marten;

namespace Governance.Tests.Toc;

public class VotingThroughTheHost(VotingThroughTheHost.WithToc app) : IClassFixture<VotingThroughTheHost.WithToc>
{
    /// <summary>The app with a TOC of eleven seated members, each with an account.</summary>
    public sealed class WithToc : GovernanceApp
    {
        public Account[] Members { get; } = Enumerable.Range(1, 11)
            .Select(i => Account.Local($"toc{i}@test.governance", $"TOC Member {i}", $"toc-{i}-password", Roles.Toc)).ToArray();

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using (var session = Store.LightweightSession())
            {
                session.Store(Members);
                await session.SaveChangesAsync();
            }
            var staff = await ClientAsync(Staff);
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            foreach (var (member, i) in Members.Select((m, i) => (m, i)))
            {
                Passwords[member.Id] = $"toc-{i + 1}-password";
                var seated = await staff.PostAsJsonAsync("/api/toc/roster/seats",
                    new SeatTocMember(member.Id, member.DisplayName, (SelectedBy)(i % 4), today.AddMonths(-i), today.AddMonths(-i).AddYears(2)));
                Assert.Equal(HttpStatusCode.NoContent, seated.StatusCode);
            }
        }

        /// <summary>The first TOC member opens a vote through the API.</summary>
        public async Task<Guid> OpenAsync(Motion motion, VoteProfile? profile = null)
        {
            var response = await (await ClientAsync(Members[0])).PostAsJsonAsync("/api/toc/votes", new OpenVote(motion, profile));
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<Created>())!.Id;
        }
    }

    [Fact]
    public async Task Fifty_simultaneous_submissions_on_one_motion_give_an_exact_tally()
    {
        var voteId = await app.OpenAsync(new Motion(MotionKind.General, null, "Fifty at once"));
        var clients = await Task.WhenAll(app.Members[..10].Select(m => app.ClientAsync(m)));

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            clients[i % 10].PostAsJsonAsync($"/api/toc/votes/{voteId}/ballot", new TocApi.BallotRequest(i % 10 < 7 ? Choice.InFavour : Choice.Against))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await using var session = app.Store.QuerySession();
        var vote = (await session.LoadAsync<Vote>(voteId))!;
        var events = await session.Events.FetchStreamAsync(voteId);
        Assert.Equal((7, 3, 0, 1), (vote.InFavour, vote.Against, vote.Abstain, vote.NotVoted));
        Assert.Equal(10, events.Count(e => e.Data is VoteCast));
        Assert.DoesNotContain(events, e => e.Data is VoteChanged or VoteClosed);
    }

    [Fact]
    public async Task A_passing_vote_moves_the_project_in_the_same_transaction()
    {
        var toc = await app.ClientAsync(app.Members[0]);
        var applied = await toc.PostAsJsonAsync("/api/projects", new ApplyProject("Kite Runner", "Flies packets", "https://github.com/kite/kite", null, ProjectStage.Sandbox));
        var projectId = (await applied.Content.ReadFromJsonAsync<Created>())!.Id;
        var voteId = await app.OpenAsync(new Motion(MotionKind.AcceptIntoSandbox, projectId, "Accept Kite Runner"), VoteProfile.Default with { MinimumOpen = TimeSpan.Zero });
        int needed;

        await using (var query = app.Store.QuerySession())
            needed = (await query.LoadAsync<Vote>(voteId))!.Needed; // 8 of 11; fewer if another test ended a seat
        foreach (var member in app.Members.Take(needed))
        {
            var ballot = await (await app.ClientAsync(member)).PostAsJsonAsync($"/api/toc/votes/{voteId}/ballot", new TocApi.BallotRequest(Choice.InFavour));
            Assert.True(ballot.IsSuccessStatusCode, await ballot.Content.ReadAsStringAsync());
        }

        await using var session = app.Store.QuerySession();
        var closed = (await session.Events.FetchStreamAsync(voteId)).Single(e => e.Data is VoteClosed);
        var moved = (await session.Events.FetchStreamAsync(projectId)).Single(e => e.Data is ProjectAcceptedIntoSandbox);
        Assert.Equal(VoteOutcome.Passed, ((VoteClosed)closed.Data).Outcome);
        Assert.Equal(voteId, ((ProjectAcceptedIntoSandbox)moved.Data).VoteId);
        Assert.Equal(closed.CorrelationId, moved.CorrelationId); // one command, one session, one SaveChanges
        Assert.Equal(ProjectStage.Sandbox, (await session.LoadAsync<Project>(projectId))!.Stage);

        var late = await (await app.ClientAsync(app.Members[needed])).PostAsJsonAsync($"/api/toc/votes/{voteId}/ballot", new TocApi.BallotRequest(Choice.InFavour));
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Single(await session.Events.FetchStreamAsync(projectId), e => e.Data is ProjectAcceptedIntoSandbox);
    }

    public sealed record Created(Guid Id);
}

/// <summary>Ends a seat, so it gets a TOC of its own: the other votes' arithmetic assumes eleven voters.</summary>
public class SeatRemoval(VotingThroughTheHost.WithToc app) : IClassFixture<VotingThroughTheHost.WithToc>
{
    [Fact]
    public async Task Removing_a_seat_takes_effect_at_once_and_non_toc_people_cannot_vote()
    {
        var voteId = await app.OpenAsync(new Motion(MotionKind.General, null, "Seat removal"));
        var staff = await app.ClientAsync(GovernanceApp.Staff);
        var member = await app.ClientAsync(app.Members[10]);

        var unseated = await staff.PostAsJsonAsync("/api/toc/roster/departures", new UnseatTocMember(app.Members[10].Id, DateOnly.FromDateTime(DateTime.UtcNow), "Resigned"));
        Assert.Equal(HttpStatusCode.NoContent, unseated.StatusCode);
        var cast = await member.PostAsJsonAsync($"/api/toc/votes/{voteId}/ballot", new TocApi.BallotRequest(Choice.InFavour));

        Assert.Equal(HttpStatusCode.BadRequest, cast.StatusCode);
        Assert.Contains("no voting TOC seat", await cast.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync($"/api/toc/votes/{voteId}/ballot", new TocApi.BallotRequest(Choice.InFavour))).StatusCode);
    }

}
