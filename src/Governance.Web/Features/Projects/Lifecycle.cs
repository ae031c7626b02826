using Governance.Features.Toc;
using Marten;

namespace Governance.Features.Projects;

/// <summary>One line of a project's timeline. Public lines may appear on the public lifecycle page; the rest are the TOC's.</summary>
public sealed record TimelineEntry(DateOnly Date, string What, string? Detail, string? Link, bool Public, Guid? VoteId = null);

public sealed record StageMedians(string From, string To, int Projects, double? MedianDays);

public sealed record LifecycleStatistics(IReadOnlyList<StageMedians> Medians, IReadOnlyList<(DateOnly Day, IReadOnlyDictionary<ProjectStage, int> Counts)> OverTime);

/// <summary>Reads over the project projection and the project's stream: timelines, time in stage, and statistics.</summary>
public static class Lifecycle
{
    public static readonly ProjectStage[] Levels = [ProjectStage.Sandbox, ProjectStage.Incubating, ProjectStage.Graduated, ProjectStage.Archived];

    /// <summary>The stage a project was in on a day, from its stage dates; null before it was accepted.</summary>
    public static ProjectStage? StageOn(Project p, DateOnly day) => PlaceOn(p, day)?.Stage;

    /// <summary>The stage the project was in on the day (by effective date) and since when; null before its acceptance.</summary>
    public static (ProjectStage Stage, DateOnly Since)? PlaceOn(Project p, DateOnly day) => PlaceIn(Moves(p), day);

    static (ProjectStage Stage, DateOnly Since)? PlaceIn(List<(DateOnly On, ProjectStage Stage)> moves, DateOnly day) =>
        moves.Where(m => m.On <= day).Select(m => ((ProjectStage, DateOnly)?)(m.Stage, m.On)).LastOrDefault();

    static List<(DateOnly On, ProjectStage Stage)> Moves(Project p) =>
        new (DateOnly? On, ProjectStage Stage)[]
                { (p.Sandbox, ProjectStage.Sandbox), (p.Incubating, ProjectStage.Incubating), (p.Graduated, ProjectStage.Graduated), (p.Archived, ProjectStage.Archived), (p.Reactivated, ProjectStage.Sandbox) }
            .Where(m => m.On is not null).Select(m => (m.On!.Value, m.Stage)).OrderBy(m => m.Item1).ToList();

    /// <summary>Days the project spent (or has spent so far) at each level it reached.</summary>
    public static IReadOnlyList<(ProjectStage Stage, int Days)> TimeInStages(Project p, DateOnly today)
    {
        var moves = Moves(p).Where(m => m.On <= today).ToList();
        return moves.Select((m, i) => (m.Stage, (i + 1 < moves.Count ? moves[i + 1].On : today).DayNumber - m.On.DayNumber)).ToList();
    }

    /// <summary>
    /// Over a period: the median time of the moves completed within it, and projects per stage at the end of each
    /// quarter in it (and on its last day).
    /// </summary>
    public static LifecycleStatistics Statistics(IReadOnlyList<Project> projects, DateOnly from, DateOnly to)
    {
        StageMedians Median(string fromLevel, string toLevel, Func<Project, DateOnly?> start, Func<Project, DateOnly?> end)
        {
            var days = projects.Where(p => start(p) is not null && end(p) is { } e && e >= from && e <= to)
                .Select(p => end(p)!.Value.DayNumber - start(p)!.Value.DayNumber).Order().ToList();
            double? median = days.Count == 0 ? null : days.Count % 2 == 1 ? days[days.Count / 2] : (days[days.Count / 2 - 1] + days[days.Count / 2]) / 2.0;
            return new StageMedians(fromLevel, toLevel, days.Count, median);
        }

        // Each project's moves once, not once per quarter: the live board recomputes this every two seconds.
        var histories = projects.Select(Moves).ToList();
        IReadOnlyDictionary<ProjectStage, int> CountsOn(DateOnly day)
        {
            var counts = histories.Select(h => PlaceIn(h, day)?.Stage).OfType<ProjectStage>().CountBy(s => s).ToDictionary();
            return Levels.ToDictionary(s => s, s => counts.GetValueOrDefault(s));
        }

        var points = new List<DateOnly>();
        for (var quarterEnd = QuarterEnd(from); quarterEnd < to; quarterEnd = QuarterEnd(quarterEnd.AddDays(1))) points.Add(quarterEnd);
        points.Add(to);
        return new LifecycleStatistics(
            [
                Median("Sandbox", "Incubating", p => p.Sandbox, p => p.Incubating),
                Median("Incubating", "Graduated", p => p.Incubating, p => p.Graduated),
                Median("Sandbox", "Graduated", p => p.Sandbox, p => p.Graduated),
            ],
            points.Select(day => (day, CountsOn(day))).ToList());
    }

    /// <summary>From the first project's acceptance to the day: the board's default period.</summary>
    public static DateOnly FirstDate(IReadOnlyList<Project> projects, DateOnly fallback) =>
        projects.SelectMany(p => new[] { p.Sandbox, p.Incubating, p.Graduated }).Where(d => d is not null).Min() ?? fallback;

    static DateOnly QuarterEnd(DateOnly day) => new DateOnly(day.Year, (day.Month - 1) / 3 * 3 + 1, 1).AddMonths(3).AddDays(-1);

    /// <summary>The project's story from its stream, with the votes on it and their tallies.</summary>
    public static async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(IQuerySession session, Guid projectId, CancellationToken cancellation = default)
    {
        var events = await session.Events.FetchStreamAsync(projectId, token: cancellation);
        var votes = await session.Query<Vote>().Where(v => v.Motion.ProjectId == projectId).ToListAsync(cancellation);
        // Within a day: the queue's steps (rank 0), then the vote (1), then the move or decline the vote caused (2).
        var entries = events.Select(e => Entry(DateOnly.FromDateTime(e.Timestamp.UtcDateTime), e.Data)).OfType<TimelineEntry>().Select(e => (Entry: e, Rank: e.VoteId is null ? 0 : 2));
        var voteEntries = votes.SelectMany(v => ((IEnumerable<TimelineEntry>)
        [
            new(DateOnly.FromDateTime(v.OpenedAt.UtcDateTime), $"Vote opened: {v.Motion.Title}", $"{v.Electorate.Count} voters, {v.Needed} in favour needed", null, true, v.Id),
            .. v.Outcome is { } outcome
                ? [new TimelineEntry(DateOnly.FromDateTime(v.ClosedAt!.Value.UtcDateTime), $"Vote {Closed(outcome)}: {v.Motion.Title}",
                    $"{v.InFavour} in favour, {v.Against} against, {v.Abstain} abstaining, {v.NotVoted} not voting", null, true, v.Id)]
                : Array.Empty<TimelineEntry>(),
        ]).Select(e => (Entry: e, Rank: 1)));
        return [.. entries.Concat(voteEntries).OrderBy(e => e.Entry.Date).ThenBy(e => e.Rank).Select(e => e.Entry)];
    }

    /// <summary>A lifecycle event in a few words ("graduated"), for feeds.</summary>
    public static string Describe(object lifecycleEvent) => lifecycleEvent switch
    {
        ProjectAcceptedIntoSandbox => "accepted into the Sandbox",
        ProjectMovedToIncubation => "moved to Incubation",
        ProjectGraduated => "graduated",
        ProjectArchived => "archived",
        ProjectReactivated => "reactivated in the Sandbox",
        _ => "changed",
    };

    static string Closed(VoteOutcome outcome) => outcome switch
    {
        VoteOutcome.Passed => "passed", VoteOutcome.Failed => "failed", VoteOutcome.Cancelled => "cancelled", _ => "ended without effect",
    };

    static TimelineEntry? Entry(DateOnly recorded, object data) => data switch
    {
        ProjectApplied a => new(a.AppliedOn ?? recorded, $"Applied for {(a.RequestedStage == ProjectStage.Incubating ? "Incubation" : "the Sandbox")}", a.Description, a.RepoUrl, true),
        ApplicationInformationRequested r => new(recorded, "The TOC asked for information", r.Question, null, false),
        ApplicationInformationProvided r => new(recorded, "The applicant answered", r.Answer, null, false),
        ApplicationScheduledForReview r => new(recorded, $"Scheduled for the review session on {r.ReviewSession:yyyy-MM-dd}", null, null, false),
        ApplicationPostponed r => new(recorded, "Application postponed", r.Reason, null, true),
        ApplicationDeclined r => new(recorded, "Application declined", r.Reason, null, true, r.VoteId),
        ProjectReapplied r => new(recorded, "Applied again", r.WhatChanged, null, true),
        ProjectAcceptedIntoSandbox m => new(m.EffectiveDate, "Accepted into the Sandbox", m.Reason, null, true, m.VoteId),
        ProjectMovedToIncubation m => new(m.EffectiveDate, "Moved to Incubation", m.Reason, null, true, m.VoteId),
        ProjectGraduated m => new(m.EffectiveDate, "Graduated", m.Reason, null, true, m.VoteId),
        ProjectArchived m => new(m.EffectiveDate, $"Archived (was {m.FromStage})", m.Reason, null, true, m.VoteId),
        ProjectReactivated m => new(m.EffectiveDate, "Reactivated in the Sandbox", m.Reason, null, true, m.VoteId),
        SecurityAuditRecorded a => new(a.Date, $"{a.Type} audit by {a.Vendor}", null, a.Url, true),
        AnnualReviewRecorded r => new(r.Date, "Annual review", null, r.Url, true),
        LevelApplicationFiled f => new(recorded, $"Applied to move to {f.Target}", $"{f.Checklist.Count} due-diligence criteria", null, true),
        SponsorAssigned s => new(recorded, $"{s.Name} sponsors the due diligence", s.ConflictOfInterest is null ? null : $"Declared conflict: {s.ConflictOfInterest}", null, false),
        SponsorWithdrew s => new(recorded, $"{s.PersonId} stepped down as sponsor", s.Reason, null, false),
        CriterionEvidenceRecorded c => new(recorded, $"Evidence for \"{c.Key}\": {(c.Met ? "met" : "not met")}", c.Note, c.EvidenceUrl, false),
        CommentPeriodOpened { Period: CommentPeriod.Public } c => new(c.Opens, $"Public comment period until {c.Closes:yyyy-MM-dd}", null, null, true),
        CommentPeriodOpened c => new(c.Opens, $"TOC internal comment period until {c.Closes:yyyy-MM-dd}", null, null, false),
        ProjectDetailsChanged => new(recorded, "Details changed", null, null, false),
        StageDateCorrected c => new(recorded, $"Corrected: the {c.Stage} date was {c.From:yyyy-MM-dd}, is {c.To:yyyy-MM-dd}", c.Reason, null, true),
        _ => null,
    };
}
