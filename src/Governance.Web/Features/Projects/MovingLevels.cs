using Wolverine.Attributes;
using Governance.Features.Toc;
using Governance.Platform;
using Governance.Platform.Accounts;
using Marten;

namespace Governance.Features.Projects;

/// <summary>A project applies to move up a level (Sandbox → Incubating, Incubating → Graduated).</summary>
public sealed record FileLevelApplication(Guid ProjectId, long ExpectedVersion, ProjectStage Target) : IStaffOrTocCommand, IProjectCommand;

/// <summary>The signed-in TOC member sponsors the due diligence, declaring any conflict of interest.</summary>
public sealed record SponsorDueDiligence(Guid ProjectId, long ExpectedVersion, string? ConflictOfInterest) : ITocCommand, IProjectCommand;

public sealed record WithdrawSponsorship(Guid ProjectId, long ExpectedVersion, string Reason) : ITocCommand, IProjectCommand;

/// <summary>A sponsor records the evidence for one checklist criterion and whether it is met.</summary>
public sealed record RecordEvidence(Guid ProjectId, long ExpectedVersion, string Key, string EvidenceUrl, bool Met, string? Note) : ITocCommand, IProjectCommand;

/// <summary>A sponsor opens the TOC's internal comment period, then the two-week public one.</summary>
public sealed record OpenCommentPeriod(Guid ProjectId, long ExpectedVersion, CommentPeriod Period) : ITocCommand, IProjectCommand;

[WolverineHandler]
public static class MovingLevels
{
    public static LevelApplicationFiled Decide(Project p, FileLevelApplication c, ProjectRules rules)
    {
        var next = p.Stage switch { ProjectStage.Sandbox => ProjectStage.Incubating, ProjectStage.Incubating => ProjectStage.Graduated, _ => (ProjectStage?)null };
        if (next is null || c.Target != next)
            throw new CommandRefused($"{p.Name} is {p.Stage}; it can apply for {next?.ToString() ?? "no higher level"}.");
        if (p.Level is not null) throw new CommandRefused($"{p.Name} already has an open application for {p.Level.Target}.");
        return new(p.Id, c.Target, rules.ChecklistFor(c.Target));
    }

    /// <param name="sponsoring">How many other open due diligences the member sponsors now.</param>
    public static SponsorAssigned Decide(Project p, SponsorDueDiligence c, Actor actor, int sponsoring, ProjectRules rules, FreezeCalendar? freeze, DateTimeOffset now)
    {
        var level = Open(p);
        if (level.Sponsors.Any(s => s.PersonId == actor.Id)) throw new CommandRefused($"You already sponsor {p.Name}.");
        if (sponsoring >= rules.SponsorLimit)
            throw new CommandRefused($"You already sponsor {sponsoring} due diligences; a TOC member sponsors at most {rules.SponsorLimit} at once.");
        FreezeCalendar.EnsureNotFrozen(freeze, now, "new sponsorships");
        return new(p.Id, actor.Id, actor.DisplayName, ApplyProjectHandler.Trimmed(c.ConflictOfInterest));
    }

    public static SponsorWithdrew Decide(Project p, WithdrawSponsorship c, Actor actor)
    {
        if (!Open(p).Sponsors.Any(s => s.PersonId == actor.Id)) throw new CommandRefused($"You do not sponsor {p.Name}.");
        return new(p.Id, actor.Id, CommandRefused.Required(c.Reason, "why you step down"));
    }

    public static CriterionEvidenceRecorded Decide(Project p, RecordEvidence c, Actor actor)
    {
        var level = Open(p);
        if (!level.Sponsors.Any(s => s.PersonId == actor.Id)) throw new CommandRefused($"Only {p.Name}'s sponsors record its due diligence.");
        var criterion = level.Checklist.FirstOrDefault(x => x.Key == c.Key) ?? throw new CommandRefused($"\"{c.Key}\" is not on {p.Name}'s checklist.");
        var url = Membership.ChangeOrganizationDetailsHandler.WebAddress(c.EvidenceUrl, "evidence link")
                  ?? throw new CommandRefused($"Link the evidence for \"{criterion.Text}\".");
        return new(p.Id, criterion.Key, url, c.Met, ApplyProjectHandler.Trimmed(c.Note));
    }

    public static CommentPeriodOpened Decide(Project p, OpenCommentPeriod c, Actor actor, ProjectRules rules, FreezeCalendar? freeze, DateTimeOffset now)
    {
        var level = Open(p);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (!level.Sponsors.Any(s => s.PersonId == actor.Id)) throw new CommandRefused($"Only {p.Name}'s sponsors open its comment periods.");
        if (!level.SponsoredWithoutConflict) throw new CommandRefused($"{p.Name} needs a sponsor without a conflict of interest first.");
        if (level.RequiredMissing.Select(x => x.Text).ToList() is { Count: > 0 } missing)
            throw new CommandRefused($"Due diligence is incomplete: {string.Join("; ", missing)}.");
        FreezeCalendar.EnsureNotFrozen(freeze, now, "comment periods open");
        if (c.Period == CommentPeriod.Internal)
        {
            if (level.InternalCommentOpens is not null) throw new CommandRefused("The internal comment period was opened already.");
            return new(p.Id, CommentPeriod.Internal, today, today.AddDays(rules.InternalCommentDays));
        }
        if (level.InternalCommentCloses is not { } internalCloses) throw new CommandRefused("The TOC's internal comment period comes first.");
        if (today < internalCloses) throw new CommandRefused($"The internal comment period runs until {internalCloses:yyyy-MM-dd}.");
        if (level.PublicCommentOpens is not null) throw new CommandRefused("The public comment period was opened already.");
        return new(p.Id, CommentPeriod.Public, today, today.AddDays(rules.PublicCommentDays));
    }

    static LevelApplication Open(Project p) => p.Level ?? throw new CommandRefused($"{p.Name} has no open application to move levels.");

    public static Task Handle(FileLevelApplication c, IDocumentSession s, ProjectRules rules) => ProjectStream.ChangeAsync(s, c, p => Decide(p, c, rules));

    public static async Task Handle(SponsorDueDiligence c, Actor actor, IDocumentSession s, ProjectRules rules, TimeProvider clock)
    {
        var open = await s.Query<Project>().Where(p => p.Level != null && p.Id != c.ProjectId).ToListAsync();
        var sponsoring = open.Count(p => p.Level!.Sponsors.Any(x => x.PersonId == actor.Id));
        var freeze = await s.LoadAsync<FreezeCalendar>(FreezeCalendar.StreamId);
        await ProjectStream.ChangeAsync(s, c, p => Decide(p, c, actor, sponsoring, rules, freeze, clock.GetUtcNow()));
    }

    public static Task Handle(WithdrawSponsorship c, Actor actor, IDocumentSession s) => ProjectStream.ChangeAsync(s, c, p => Decide(p, c, actor));
    public static Task Handle(RecordEvidence c, Actor actor, IDocumentSession s) => ProjectStream.ChangeAsync(s, c, p => Decide(p, c, actor));

    public static async Task Handle(OpenCommentPeriod c, Actor actor, IDocumentSession s, ProjectRules rules, TimeProvider clock)
    {
        var freeze = await s.LoadAsync<FreezeCalendar>(FreezeCalendar.StreamId);
        await ProjectStream.ChangeAsync(s, c, p => Decide(p, c, actor, rules, freeze, clock.GetUtcNow()));
    }
}
