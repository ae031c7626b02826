using Governance.Features.Projects;
using Governance.Features.Toc;
using Governance.Platform;
using Governance.Platform.Accounts;
using JasperFx.Events;

namespace Governance.Tests.Projects;

/// <summary>The application queue, moving levels, freeze windows and records, as pure decisions over the projection.</summary>
public class ProjectProcessRules
{
    static readonly DateOnly Today = new(2026, 11, 24);
    static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    static readonly ProjectRules Rules = new();
    static readonly Actor Ada = new("ada@toc", "Ada", [Roles.Toc]);
    static readonly Actor Bo = new("bo@toc", "Bo", [Roles.Toc]);

    /// <summary>A project replayed through the real projection from its events, recorded on <paramref name="day"/>.</summary>
    static Project Replay(DateOnly day, params object[] events)
    {
        var projection = new ProjectProjection();
        Project? project = null;
        var id = Guid.Parse("0190a000-0000-7000-8000-0000000000b1");
        foreach (var (data, i) in events.Select((e, i) => (e, i)))
        {
            var e = Event.For(data);
            e.Timestamp = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            e.Version = i + 1;
            project = projection.ApplyMetadata(projection.Evolve(project, id, e), e);
        }
        return project!;
    }

    static Project Then(Project project, DateOnly day, params object[] events)
    {
        var projection = new ProjectProjection();
        foreach (var data in events)
        {
            var e = Event.For(data);
            e.Timestamp = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            e.Version = project.Version + 1;
            project = projection.ApplyMetadata(projection.Evolve(project, project.Id, e), e);
        }
        return project;
    }

    static Project Applied(string name, DateOnly on, ProjectStage stage = ProjectStage.Sandbox) =>
        Replay(on, [.. ApplyProjectHandler.Decide(new ApplyProject(name, "Does things", null, null, stage), Guid.NewGuid(), false, Rules)]);

    static void Refused(Action decide, string reason) => Assert.Contains(reason, Assert.Throws<CommandRefused>(decide).Message);

    [Fact]
    public void The_queue_takes_scheduled_then_returning_then_oldest_and_places_only_what_waits_on_the_toc()
    {
        var oldest = Applied("Oldest", Today.AddDays(-90));
        var newer = Applied("Newer", Today.AddDays(-10));
        var scheduled = Then(Applied("Scheduled", Today.AddDays(-5)), Today, new ApplicationScheduledForReview(default, Today.AddDays(7)));
        var declined = Then(Applied("Returning", Today.AddDays(-30)), Today.AddDays(-20), new ApplicationDeclined(default, "Too early"));
        var returning = Then(declined, Today, ApplicationQueue.Decide(declined, new Reapply(declined.Id, declined.Version, "Now has adopters")));
        var asked = Then(Applied("Asked", Today.AddDays(-100)), Today, new ApplicationInformationRequested(default, "Which license?"));

        var queue = ApplicationQueue.Order([oldest, newer, returning, asked, scheduled]);

        Assert.Equal(["Scheduled", "Returning", "Oldest", "Newer", "Asked"], queue.Select(q => q.Project.Name));
        Assert.Equal([1, 2, 3, 4, null], queue.Select(q => q.Place));
        Assert.Equal("Applicant: answer the TOC's question", asked.NextStep(Today));
        Assert.Equal("Which license?", asked.Decision);
        Assert.Equal("Now has adopters", returning.Decision);
    }

    [Fact]
    public void An_answer_puts_the_application_back_where_it_was_and_decisions_need_a_published_reason()
    {
        var asked = Then(Applied("Kite", Today), Today, new ApplicationInformationRequested(default, "Which license?"));
        var answered = Then(asked, Today, ApplicationQueue.Decide(asked, new RecordInformationProvided(asked.Id, asked.Version, "Apache-2.0")));
        Assert.Equal(ApplicationState.New, answered.Application);

        Refused(() => ApplicationQueue.Decide(answered, new DeclineApplication(answered.Id, answered.Version, " ")), "the reason");
        Refused(() => ApplicationQueue.Decide(answered, new RecordInformationProvided(answered.Id, answered.Version, "again")), "nothing that is still open");
        Refused(() => ApplicationQueue.Decide(answered, new Reapply(answered.Id, answered.Version, "more")), "only a declined or postponed one");
        Refused(() => ApplicationQueue.Decide(answered, new ScheduleReview(answered.Id, answered.Version, Today.AddDays(-1)), Today), "past");
        var postponed = Then(answered, Today, ApplicationQueue.Decide(answered, new PostponeApplication(answered.Id, answered.Version, "Come back with adopters")));
        Assert.Equal((ApplicationState.Postponed, "Come back with adopters"), (postponed.Application, postponed.Decision));
        Refused(() => ApplicationQueue.Decide(postponed, new DeclineApplication(postponed.Id, postponed.Version, "No")), "nothing to decline");
    }

    [Fact]
    public void A_sandbox_vote_needs_an_application_that_waits_on_the_toc()
    {
        var asked = Then(Applied("Kite", Today), Today, new ApplicationInformationRequested(default, "Which license?"));
        Refused(() => ProjectMoves.EnsureReadyForVote(asked, MotionKind.AcceptIntoSandbox, Today), "NeedInfo");
        ProjectMoves.EnsureReadyForVote(Applied("Kite", Today), MotionKind.AcceptIntoSandbox, Today);
    }

    static Project InSandbox(string name = "Kite") =>
        Then(Applied(name, Today.AddYears(-2)), Today.AddYears(-2), new ProjectAcceptedIntoSandbox(default, Today.AddYears(-2), null));

    [Fact]
    public void Moving_up_needs_a_sponsor_without_conflict_every_required_criterion_and_both_comment_periods()
    {
        var p = InSandbox();
        Refused(() => MovingLevels.Decide(p, new FileLevelApplication(p.Id, p.Version, ProjectStage.Graduated), Rules), "can apply for Incubating");
        p = Then(p, Today, MovingLevels.Decide(p, new FileLevelApplication(p.Id, p.Version, ProjectStage.Incubating), Rules));
        Refused(() => ProjectMoves.EnsureReadyForVote(p, MotionKind.MoveToIncubation, Today), "sponsor");
        Assert.Equal("TOC: assign a sponsor", p.NextStep(Today));

        p = Then(p, Today, MovingLevels.Decide(p, new SponsorDueDiligence(p.Id, p.Version, "Employed by an adopter"), Ada, 0, Rules, null, Now));
        Refused(() => ProjectMoves.EnsureReadyForVote(p, MotionKind.MoveToIncubation, Today), "without a conflict");
        Refused(() => MovingLevels.Decide(p, new OpenCommentPeriod(p.Id, p.Version, CommentPeriod.Internal), Ada, Rules, null, Now), "without a conflict");
        p = Then(p, Today, MovingLevels.Decide(p, new SponsorDueDiligence(p.Id, p.Version, null), Bo, 1, Rules, null, Now));

        Refused(() => MovingLevels.Decide(p, new RecordEvidence(p.Id, p.Version, "adopters", "https://example.org/a", true, null), new Actor("cyd@toc", "Cyd", [Roles.Toc])), "Only Kite's sponsors");
        foreach (var c in Rules.Incubation.Where(c => c.Required).Skip(1))
            p = Then(p, Today, MovingLevels.Decide(p, new RecordEvidence(p.Id, p.Version, c.Key, $"https://example.org/{c.Key}", true, null), Bo));
        Refused(() => ProjectMoves.EnsureReadyForVote(p, MotionKind.MoveToIncubation, Today), Rules.Incubation[0].Text);
        p = Then(p, Today, MovingLevels.Decide(p, new RecordEvidence(p.Id, p.Version, "adopters", "https://example.org/adopters", true, null), Bo));
        Assert.Empty(p.Level!.RequiredMissing); // The suggested roadmap may stay open.

        Refused(() => MovingLevels.Decide(p, new OpenCommentPeriod(p.Id, p.Version, CommentPeriod.Public), Bo, Rules, null, Now), "internal comment period comes first");
        p = Then(p, Today, MovingLevels.Decide(p, new OpenCommentPeriod(p.Id, p.Version, CommentPeriod.Internal), Bo, Rules, null, Now));
        Refused(() => MovingLevels.Decide(p, new OpenCommentPeriod(p.Id, p.Version, CommentPeriod.Public), Bo, Rules, null, Now.AddDays(6)), "runs until");
        var publicOpened = MovingLevels.Decide(p, new OpenCommentPeriod(p.Id, p.Version, CommentPeriod.Public), Bo, Rules, null, Now.AddDays(7));
        Assert.Equal(Today.AddDays(21), publicOpened.Closes);
        p = Then(p, Today.AddDays(7), publicOpened);
        Refused(() => ProjectMoves.EnsureReadyForVote(p, MotionKind.MoveToIncubation, Today.AddDays(20)), "runs until");
        ProjectMoves.EnsureReadyForVote(p, MotionKind.MoveToIncubation, Today.AddDays(21));
        Assert.Equal("TOC: vote", p.NextStep(Today.AddDays(21)));

        var moved = Then(p, Today.AddDays(25), new ProjectMovedToIncubation(p.Id, Today.AddDays(25), Guid.NewGuid(), "TOC vote passed"));
        Assert.Equal((ProjectStage.Incubating, null, Today.AddDays(25)), (moved.Stage, moved.Level, moved.Incubating));
    }

    [Fact]
    public void A_toc_member_sponsors_at_most_two_due_diligences_at_once()
    {
        var p = InSandbox();
        p = Then(p, Today, MovingLevels.Decide(p, new FileLevelApplication(p.Id, p.Version, ProjectStage.Incubating), Rules));
        Refused(() => MovingLevels.Decide(p, new SponsorDueDiligence(p.Id, p.Version, null), Ada, 2, Rules, null, Now), "at most 2 at once");
        p = Then(p, Today, MovingLevels.Decide(p, new SponsorDueDiligence(p.Id, p.Version, null), Ada, 1, Rules, null, Now));
        Refused(() => MovingLevels.Decide(p, new SponsorDueDiligence(p.Id, p.Version, null), Ada, 1, Rules, null, Now), "already sponsor");
    }

    static FreezeCalendar Freeze(DateOnly starts, DateOnly ends) => new()
    {
        Id = FreezeCalendar.StreamId, Windows = [new FreezeWindow(Guid.NewGuid(), "KubeCon Europe", starts, ends)],
    };

    [Fact]
    public void A_freeze_blocks_sponsorships_comment_periods_and_new_votes()
    {
        var freeze = Freeze(Today, Today.AddDays(27));
        var p = InSandbox();
        p = Then(p, Today, MovingLevels.Decide(p, new FileLevelApplication(p.Id, p.Version, ProjectStage.Incubating), Rules));
        Refused(() => MovingLevels.Decide(p, new SponsorDueDiligence(p.Id, p.Version, null), Ada, 0, Rules, freeze, Now), "No new sponsorships during the freeze");
        var roster = new TocRoster { Seats = [new TocSeat { PersonId = Ada.Id, Name = "Ada", TermStart = Today.AddYears(-1), TermEnd = Today.AddYears(1) }] };
        Refused(() => VoteRules.Open(new OpenVote(new Motion(MotionKind.General, null, "Charter")), Guid.NewGuid(), roster, null, false, Now, freeze), "No votes open during the freeze");
        VoteRules.Open(new OpenVote(new Motion(MotionKind.General, null, "Charter")), Guid.NewGuid(), roster, null, false, Now.AddDays(28), freeze);
        Assert.Null(freeze.At(Now.AddDays(28)));
    }

    [Fact]
    public void A_freeze_pauses_an_open_vote_and_moves_its_deadline_out_by_the_time_frozen()
    {
        var roster = new TocRoster { Seats = [new TocSeat { PersonId = Ada.Id, Name = "Ada", TermStart = Today.AddYears(-1), TermEnd = Today.AddYears(1) },
            new TocSeat { PersonId = Bo.Id, Name = "Bo", TermStart = Today.AddYears(-1), TermEnd = Today.AddYears(1) }] };
        var vote = VoteProjection.Create(VoteRules.Open(new OpenVote(new Motion(MotionKind.General, null, "Charter")), Guid.NewGuid(), roster, null, false, Now));
        var freeze = Freeze(Today.AddDays(3), Today.AddDays(4)); // two frozen days inside the week

        Refused(() => VoteRules.Cast(vote, roster, Ada.Id, Choice.InFavour, Now.AddDays(3), freeze), "Voting is paused");
        Assert.Empty(VoteRules.Settle(vote, Now.AddDays(3), freeze));

        var extended = Assert.IsType<VoteDeadlineExtended>(Assert.Single(VoteRules.Settle(vote, vote.ClosesAt, freeze)));
        Assert.Equal(vote.ClosesAt.AddDays(2), extended.ClosesAt);
        vote = VoteProjection.Apply(extended, vote);
        Assert.Empty(VoteRules.Settle(vote, vote.ClosesAt.AddDays(-1), freeze));
        var closed = Assert.IsType<VoteClosed>(Assert.Single(VoteRules.Settle(vote, vote.ClosesAt, freeze)));
        Assert.Equal(VoteOutcome.Failed, closed.Outcome);
    }

    [Fact]
    public void Archive_from_any_stage_and_reactivation_only_back_to_the_sandbox()
    {
        var p = InSandbox();
        Refused(() => ProjectMoves.EnsureMotionFits(p, MotionKind.Reactivate), "does not apply");
        var archived = Then(p, Today, new ProjectArchived(p.Id, ProjectStage.Sandbox, Today, null));
        ProjectMoves.EnsureMotionFits(archived, MotionKind.Reactivate);
        var back = Then(archived, Today.AddDays(30), ProjectMoves.MoveFor(archived, MotionKind.Reactivate, Today.AddDays(30), Guid.NewGuid())!);
        Assert.Equal((ProjectStage.Sandbox, Today.AddDays(30)), (back.Stage, back.Reactivated));
        Assert.Equal([(ProjectStage.Sandbox, 730), (ProjectStage.Archived, 30), (ProjectStage.Sandbox, 0)],
            Lifecycle.TimeInStages(back, Today.AddDays(30)).Select(t => (t.Stage, t.Days)));
    }

    [Fact]
    public void Records_keep_audits_and_reviews_and_refuse_the_future_and_duplicates()
    {
        var p = InSandbox();
        p = Then(p, Today, ProjectRecords.Decide(p, new RecordSecurityAudit(p.Id, p.Version, Today.AddDays(-3), "Trail of Bits", "https://example.org/audit.pdf", null), Today));
        Assert.Equal(new SecurityAudit(Today.AddDays(-3), "Trail of Bits", "https://example.org/audit.pdf", "security"), Assert.Single(p.Audits));
        Refused(() => ProjectRecords.Decide(p, new RecordSecurityAudit(p.Id, p.Version, Today, "X", "https://example.org/audit.pdf", null), Today), "already on record");
        Refused(() => ProjectRecords.Decide(p, new RecordAnnualReview(p.Id, p.Version, Today.AddDays(1), "https://example.org/r"), Today), "future");
        Refused(() => ProjectRecords.Decide(p, new ChangeProjectDetails(p.Id, p.Version, p.Description, null, null, null, null, null)), "Nothing changed");
    }

    [Fact]
    public void Projects_from_the_records_keep_their_dates_in_order()
    {
        var id = Guid.NewGuid();
        var events = ProjectFromRecords.Decide(new RecordProjectFromRecords("Mast", "Signing", null, null, new(2018, 3, 6), new(2019, 6, 18), new(2021, 9, 14), null, "landscape.yml"),
            id, false, Today, Rules);
        var mast = Replay(Today, [.. events]);
        Assert.Equal((ProjectStage.Graduated, new DateOnly(2018, 3, 6), ApplicationState.Approved), (mast.Stage, mast.Applied!.Value, mast.Application!.Value));
        Refused(() => ProjectFromRecords.Decide(new RecordProjectFromRecords("Keel", "Policy", null, null, new(2020, 1, 1), new(2019, 1, 1), null, null, "records"), id, false, Today, Rules), "out of order");
        Refused(() => ProjectFromRecords.Decide(new RecordProjectFromRecords("Keel", "Policy", null, null, new(2020, 1, 1), null, new(2021, 1, 1), null, "records"), id, false, Today, Rules), "Incubation");
    }

    [Fact]
    public void Statistics_give_medians_of_the_moves_in_a_period_and_counts_per_stage_at_each_quarter_end()
    {
        Project From(string name, DateOnly sandbox, DateOnly? incubating, DateOnly? graduated) =>
            Replay(Today, [.. ProjectFromRecords.Decide(new RecordProjectFromRecords(name, "x", null, null, sandbox, incubating, graduated, null, "records"), Guid.NewGuid(), false, Today, Rules)]);
        var projects = new[]
        {
            From("A", new(2020, 1, 1), new(2020, 1, 11), new(2021, 1, 11)),
            From("B", new(2020, 1, 1), new(2020, 1, 21), null),
            From("C", new(2020, 1, 1), new(2020, 1, 31), null),
            From("D", new(2024, 1, 1), null, null),
        };
        var statistics = Lifecycle.Statistics(projects, Lifecycle.FirstDate(projects, Today), Today);
        Assert.Equal(20, statistics.Medians[0].MedianDays);
        Assert.Equal(3, statistics.Medians[0].Projects);
        Assert.Equal(366, statistics.Medians[1].MedianDays);
        Assert.Equal(new DateOnly(2020, 3, 31), statistics.OverTime[0].Day);
        var end2020 = statistics.OverTime.Single(p => p.Day == new DateOnly(2020, 12, 31)).Counts;
        Assert.Equal((0, 3, 0), (end2020[ProjectStage.Sandbox], end2020[ProjectStage.Incubating], end2020[ProjectStage.Graduated]));
        var now = statistics.OverTime[^1].Counts;
        Assert.Equal((Today, 1, 2, 1), (statistics.OverTime[^1].Day, now[ProjectStage.Sandbox], now[ProjectStage.Incubating], now[ProjectStage.Graduated]));

        // Only the moves completed in the period count toward its medians.
        var in2020 = Lifecycle.Statistics(projects, new(2020, 1, 1), new(2020, 12, 31));
        Assert.Equal((3, 0), (in2020.Medians[0].Projects, in2020.Medians[1].Projects));
        Assert.Equal(4, in2020.OverTime.Count);
        var q1 = in2020.OverTime[0].Counts;
        Assert.Equal((0, 3), (q1[ProjectStage.Sandbox], q1[ProjectStage.Incubating]));
    }
}
