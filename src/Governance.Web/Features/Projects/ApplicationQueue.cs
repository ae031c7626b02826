using Wolverine.Attributes;
using Governance.Platform;
using Governance.Platform.Accounts;
using Marten;

namespace Governance.Features.Projects;

// The transparent queue: every decision on an application is a command with a published reason.
public sealed record RequestInformation(Guid ProjectId, long ExpectedVersion, string Question) : ITocCommand, IProjectCommand;
public sealed record RecordInformationProvided(Guid ProjectId, long ExpectedVersion, string Answer) : IStaffOrTocCommand, IProjectCommand;
public sealed record ScheduleReview(Guid ProjectId, long ExpectedVersion, DateOnly ReviewSession) : ITocCommand, IProjectCommand;
public sealed record PostponeApplication(Guid ProjectId, long ExpectedVersion, string Reason) : ITocCommand, IProjectCommand;
public sealed record DeclineApplication(Guid ProjectId, long ExpectedVersion, string Reason) : ITocCommand, IProjectCommand;
public sealed record Reapply(Guid ProjectId, long ExpectedVersion, string WhatChanged) : IStaffOrTocCommand, IProjectCommand;

[WolverineHandler]
public static class ApplicationQueue
{
    public static ApplicationInformationRequested Decide(Project p, RequestInformation c) =>
        new(Pending(p, "ask the applicant").Id, CommandRefused.Required(c.Question, "the question for the applicant"));

    public static ApplicationInformationProvided Decide(Project p, RecordInformationProvided c)
    {
        if (p.Application != ApplicationState.NeedInfo) throw new CommandRefused($"The TOC asked {p.Name} nothing that is still open.");
        return new(p.Id, CommandRefused.Required(c.Answer, "the applicant's answer"));
    }

    public static ApplicationScheduledForReview Decide(Project p, ScheduleReview c, DateOnly today)
    {
        if (!p.AwaitingToc) throw new CommandRefused($"{p.Name}'s application is {p.Application}; only one awaiting the TOC can be scheduled.");
        if (c.ReviewSession < today) throw new CommandRefused("The review session cannot be in the past.");
        return new(p.Id, c.ReviewSession);
    }

    public static ApplicationPostponed Decide(Project p, PostponeApplication c) =>
        new(Pending(p, "postpone").Id, CommandRefused.Required(c.Reason, "the reason, which the applicant will read"));

    public static ApplicationDeclined Decide(Project p, DeclineApplication c) =>
        new(Pending(p, "decline").Id, CommandRefused.Required(c.Reason, "the reason, which the applicant will read"));

    public static ProjectReapplied Decide(Project p, Reapply c)
    {
        if (p.Application is not (ApplicationState.Declined or ApplicationState.Postponed))
            throw new CommandRefused($"{p.Name}'s application is {p.Application}; only a declined or postponed one may apply again.");
        return new(p.Id, CommandRefused.Required(c.WhatChanged, "what changed since the last review"));
    }

    static Project Pending(Project p, string what) => p.Application is ApplicationState.New or ApplicationState.NeedInfo
        or ApplicationState.Upcoming or ApplicationState.Returning
        ? p
        : throw new CommandRefused($"{p.Name}'s application is {p.Application?.ToString() ?? "closed"}; there is nothing to {what}.");

    public static Task Handle(RequestInformation c, IDocumentSession s) => ProjectStream.ChangeAsync(s, c, p => Decide(p, c));
    public static Task Handle(RecordInformationProvided c, IDocumentSession s) => ProjectStream.ChangeAsync(s, c, p => Decide(p, c));
    public static Task Handle(ScheduleReview c, IDocumentSession s, TimeProvider clock) =>
        ProjectStream.ChangeAsync(s, c, p => Decide(p, c, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)));
    public static Task Handle(PostponeApplication c, IDocumentSession s) => ProjectStream.ChangeAsync(s, c, p => Decide(p, c));
    public static Task Handle(DeclineApplication c, IDocumentSession s) => ProjectStream.ChangeAsync(s, c, p => Decide(p, c));
    public static Task Handle(Reapply c, IDocumentSession s) => ProjectStream.ChangeAsync(s, c, p => Decide(p, c));

    /// <summary>
    /// The queue in the order the TOC takes it: applications scheduled for a session first (by session), then
    /// returning ones, then the oldest first. Applications waiting on their applicant or decided follow, unplaced.
    /// </summary>
    public static IReadOnlyList<(Project Project, int? Place)> Order(IEnumerable<Project> applications)
    {
        var all = applications.Where(p => p.Application is not null && p.Application != ApplicationState.Approved).ToList();
        var waiting = all.Where(p => p.AwaitingToc)
            .OrderBy(p => p.Application == ApplicationState.Upcoming ? 0 : p.Returning ? 1 : 2)
            .ThenBy(p => p.ReviewSession).ThenBy(p => p.Applied).ThenBy(p => p.Name)
            .Select((p, i) => (p, (int?)i + 1));
        var rest = all.Where(p => !p.AwaitingToc).OrderBy(p => p.Application).ThenBy(p => p.Applied).Select(p => (p, (int?)null));
        return [.. waiting, .. rest];
    }

    public static async Task<IReadOnlyList<(Project Project, int? Place)>> LoadAsync(IQuerySession session, CancellationToken cancellation = default) =>
        Order(await session.Query<Project>().Where(p => p.Stage == ProjectStage.Applied).ToListAsync(cancellation));
}
