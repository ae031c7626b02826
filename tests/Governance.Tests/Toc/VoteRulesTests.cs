using Governance.Features.Projects;
using Governance.Features.Toc;
using Governance.Platform;

namespace Governance.Tests.Toc;

/// <summary>The voting rules, at least as strict as CNCF's voting bot, as pure decisions.</summary>
public class VoteRulesTests
{
    static readonly DateTimeOffset Opened = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    static readonly Guid VoteId = Guid.Parse("0190a000-0000-7000-8000-0000000000a1");
    static readonly string[] Eleven = Enumerable.Range(1, 11).Select(i => $"toc{i}@foundation").ToArray();

    static TocRoster Roster(params string[] people) => new()
    {
        Id = TocRoster.StreamId,
        Seats = people.Select(p => new TocSeat { PersonId = p, Name = p, TermStart = new DateOnly(2025, 1, 1), TermEnd = new DateOnly(2027, 1, 1) }).ToList(),
    };

    static readonly TocRoster Toc = Roster(Eleven);

    static Vote OpenVote(TocRoster? roster = null, VoteProfile? profile = null)
    {
        var opened = VoteRules.Open(new OpenVote(new Motion(MotionKind.General, null, "Adopt the new charter text"), profile), VoteId, roster ?? Toc, null, false, Opened);
        return VoteProjection.Create(opened);
    }

    /// <summary>Applies what a decision returned, as the projection would.</summary>
    static Vote Then(Vote vote, IEnumerable<object> events)
    {
        foreach (var e in events)
            vote = e switch
            {
                VoteCast c => VoteProjection.Apply(c, vote),
                VoteChanged c => VoteProjection.Apply(c, vote),
                MeetingRequested m => VoteProjection.Apply(m, vote),
                VoteClosed c => VoteProjection.Apply(c, vote),
                _ => vote,
            };
        return vote;
    }

    static Vote CastAll(Vote vote, int inFavour, int against, DateTimeOffset at, TocRoster? roster = null)
    {
        for (var i = 0; i < inFavour; i++) vote = Then(vote, VoteRules.Cast(vote, roster ?? Toc, Eleven[i], Choice.InFavour, at));
        for (var i = inFavour; i < inFavour + against; i++) vote = Then(vote, VoteRules.Cast(vote, roster ?? Toc, Eleven[i], Choice.Against, at));
        return vote;
    }

    static void Refused(Action decide, string reason) => Assert.Contains(reason, Assert.Throws<CommandRefused>(decide).Message);

    [Fact]
    public void Eleven_voters_at_66_percent_need_eight_in_favour()
    {
        var afterWait = Opened.AddDays(3);
        var seven = CastAll(OpenVote(), 7, 0, afterWait);
        Assert.Equal(8, seven.Needed);
        Assert.True(seven.IsOpen);
        Assert.Equal(VoteOutcome.Failed, Then(seven, VoteRules.Settle(seven, Opened.AddDays(7))).Outcome);

        var eight = CastAll(OpenVote(), 8, 0, afterWait);
        Assert.Equal(VoteOutcome.Passed, eight.Outcome);
    }

    [Fact]
    public void The_electorate_is_fixed_when_the_vote_opens()
    {
        var vote = OpenVote(Roster(Eleven[..10]));
        var later = Roster(Eleven);

        Assert.Equal(10, vote.Electorate.Count);
        Refused(() => VoteRules.Cast(vote, later, Eleven[10], Choice.InFavour, Opened.AddHours(1)), "fixed when the vote opened");
    }

    [Fact]
    public void A_voter_may_change_their_vote_and_each_change_is_kept()
    {
        var vote = Then(OpenVote(), VoteRules.Cast(OpenVote(), Toc, Eleven[0], Choice.Against, Opened.AddHours(1)));
        var changed = VoteRules.Cast(vote, Toc, Eleven[0], Choice.InFavour, Opened.AddHours(2));

        var change = Assert.IsType<VoteChanged>(Assert.Single(changed));
        Assert.Equal((Choice.Against, Choice.InFavour), (change.From, change.To));
        Assert.Equal((1, 0), (Then(vote, changed).InFavour, Then(vote, changed).Against));
    }

    [Fact]
    public void The_same_vote_sent_twice_is_counted_once()
    {
        var vote = Then(OpenVote(), VoteRules.Cast(OpenVote(), Toc, Eleven[0], Choice.InFavour, Opened.AddHours(1)));
        Assert.Empty(VoteRules.Cast(vote, Toc, Eleven[0], Choice.InFavour, Opened.AddHours(1).AddSeconds(1)));
        Assert.Equal(1, vote.InFavour);
    }

    [Fact]
    public void Receipts_chain_each_cast_to_the_one_before()
    {
        var first = Assert.IsType<VoteCast>(VoteRules.Cast(OpenVote(), Toc, Eleven[0], Choice.InFavour, Opened.AddHours(1))[0]);
        var vote = Then(OpenVote(), [first]);
        var second = Assert.IsType<VoteCast>(VoteRules.Cast(vote, Toc, Eleven[1], Choice.Against, Opened.AddHours(2))[0]);

        Assert.Equal(Vote.Receipt(VoteId, Eleven[0], Choice.InFavour, Opened.AddHours(1), OpenVote().DefinitionHash), first.Receipt);
        Assert.Equal(Vote.Receipt(VoteId, Eleven[1], Choice.Against, Opened.AddHours(2), first.Receipt), second.Receipt);
    }

    [Fact]
    public void People_without_a_voting_seat_are_refused()
    {
        Refused(() => VoteRules.Cast(OpenVote(), Toc, "staff@foundation", Choice.InFavour, Opened.AddHours(1)), "electorate");

        var suspended = Roster(Eleven);
        suspended.Seats[0].Suspended = true;
        Assert.DoesNotContain(Eleven[0], OpenVote(suspended).Electorate);
        Refused(() => VoteRules.Cast(OpenVote(), suspended, Eleven[0], Choice.InFavour, Opened.AddHours(1)), "no voting TOC seat");

        var unseated = Roster(Eleven);
        unseated.Seats[1].TermEnd = new DateOnly(2026, 11, 1);
        Refused(() => VoteRules.Cast(OpenVote(), unseated, Eleven[1], Choice.InFavour, Opened.AddHours(1)), "no voting TOC seat");
    }

    [Fact]
    public void A_passing_vote_closes_only_after_the_minimum_open_time()
    {
        var early = CastAll(OpenVote(), 8, 0, Opened.AddHours(5));
        Assert.True(early.IsOpen);
        Assert.Empty(VoteRules.Settle(early, Opened.AddDays(2).AddSeconds(-1)));
        Assert.Equal(VoteOutcome.Passed, Assert.IsType<VoteClosed>(Assert.Single(VoteRules.Settle(early, Opened.AddDays(2)))).Outcome);
    }

    [Fact]
    public void A_vote_closes_early_once_the_threshold_is_unreachable()
    {
        var vote = CastAll(OpenVote(), 0, 3, Opened.AddHours(1));
        Assert.True(vote.IsOpen);
        var closed = Then(vote, VoteRules.Cast(vote, Toc, Eleven[3], Choice.Abstain, Opened.AddHours(2)));
        Assert.Equal(VoteOutcome.Failed, closed.Outcome);
    }

    [Fact]
    public void An_undecided_vote_closes_at_its_deadline_and_takes_no_more_votes()
    {
        var vote = CastAll(OpenVote(), 5, 0, Opened.AddHours(1));
        Assert.Empty(VoteRules.Settle(vote, Opened.AddDays(7).AddSeconds(-1)));
        var closed = Then(vote, VoteRules.Settle(vote, Opened.AddDays(7)));
        Assert.Equal(VoteOutcome.Failed, closed.Outcome);
        Refused(() => VoteRules.Cast(closed, Toc, Eleven[9], Choice.InFavour, Opened.AddDays(7)), "closed");
    }

    [Fact]
    public void Two_members_asking_for_a_meeting_end_the_vote_without_effect()
    {
        var vote = Then(OpenVote(), VoteRules.RequestMeeting(OpenVote(), Eleven[0], Opened.AddHours(1)));
        Assert.True(vote.IsOpen);
        Refused(() => VoteRules.RequestMeeting(vote, Eleven[0], Opened.AddHours(2)), "already asked");
        var ended = Then(vote, VoteRules.RequestMeeting(vote, Eleven[1], Opened.AddHours(2)));
        Assert.Equal(VoteOutcome.EndedWithoutEffect, ended.Outcome);
    }

    [Fact]
    public void Staff_cancel_with_a_reason()
    {
        Refused(() => VoteRules.Cancel(OpenVote(), " ", Opened.AddHours(1)), "Say why");
        Assert.Equal(VoteOutcome.Cancelled, VoteRules.Cancel(OpenVote(), "Opened on the wrong project", Opened.AddHours(1)).Outcome);
    }

    [Theory]
    [InlineData(ProjectStage.Applied)]
    [InlineData(ProjectStage.Sandbox)]
    [InlineData(ProjectStage.Incubating)]
    [InlineData(ProjectStage.Graduated)]
    public void Archiving_applies_from_any_stage(ProjectStage stage)
    {
        var project = new Project { Id = Guid.NewGuid(), Name = "Kite", Stage = stage };
        ProjectMoves.EnsureMotionFits(project, MotionKind.Archive);
        Assert.Equal(stage, Assert.IsType<ProjectArchived>(ProjectMoves.MoveFor(project, MotionKind.Archive, new DateOnly(2026, 11, 24), VoteId)).FromStage);
    }

    [Fact]
    public void A_motion_must_fit_the_project_stage() =>
        Refused(() => ProjectMoves.EnsureMotionFits(new Project { Name = "Kite", Stage = ProjectStage.Sandbox }, MotionKind.Graduate), "does not apply");

    [Fact]
    public void Votes_cast_can_be_the_base_with_a_quorum()
    {
        var profile = VoteProfile.Default with { Base = ThresholdBase.VotesCast, Quorum = 6 };
        var vote = CastAll(OpenVote(profile: profile), 4, 1, Opened.AddDays(3));
        Assert.True(vote.IsOpen); // 4 of 5 cast is 80%, but only 5 voted: below the quorum of 6
        Assert.Equal(VoteOutcome.Passed, Then(vote, VoteRules.Cast(vote, Toc, Eleven[9], Choice.InFavour, Opened.AddDays(3))).Outcome);
    }

    [Fact]
    public void One_chair_at_a_time_chosen_from_the_seated_members()
    {
        var today = new DateOnly(2026, 11, 24);
        var roster = TocRosterProjection.Apply(TocRosterHandler.Decide(Toc, new ChooseTocOfficer(Eleven[0], TocOffice.Chair), today), Roster(Eleven));
        roster = TocRosterProjection.Apply(TocRosterHandler.Decide(roster, new ChooseTocOfficer(Eleven[1], TocOffice.Chair), today), roster);
        Assert.Equal([Eleven[1]], roster.Seats.Where(s => s.Office == TocOffice.Chair).Select(s => s.PersonId));
        Refused(() => TocRosterHandler.Decide(roster, new ChooseTocOfficer(Eleven[1], TocOffice.Chair), today), "already Chair");
        Refused(() => TocRosterHandler.Decide(roster, new ChooseTocOfficer("stranger@foundation", TocOffice.ViceChair), today), "Only a seated TOC member");
    }
}
