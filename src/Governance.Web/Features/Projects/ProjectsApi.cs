using System.Security.Claims;
using Governance.Platform;
using Governance.Platform.Accounts;
using Marten;
using Wolverine;

namespace Governance.Features.Projects;

public static class ProjectsApi
{
    public static void MapProjectsApi(this WebApplication app)
    {
        // Reads for staff and the TOC; each command's own role is checked by the command middleware (403 otherwise).
        var projects = app.MapGroup("/api/projects").RequireAuthorization(Roles.StaffOrToc).WithTags("Projects");

        projects.MapGet("/", async (ProjectStage? stage, IQuerySession session, CancellationToken cancellation) =>
                await session.Query<Project>().Where(p => stage == null || p.Stage == stage).OrderBy(p => p.Name).ToListAsync(cancellation))
            .WithSummary("Projects with their stages, queue states, level applications, audits and reviews");
        projects.MapGet("/{id:guid}", async (Guid id, IQuerySession session, TimeProvider clock, CancellationToken cancellation) =>
                await session.LoadAsync<Project>(id, cancellation) is { } project
                    ? Results.Ok(new
                    {
                        project, NextStep = project.NextStep(Today(clock)), TimeInStages = Lifecycle.TimeInStages(project, Today(clock)).Select(t => new { t.Stage, t.Days }),
                        Timeline = await Lifecycle.TimelineAsync(session, id, cancellation),
                    })
                    : Results.NotFound())
            .WithSummary("One project with who acts next, its time in each stage and its full timeline");
        projects.MapGet("/{id:guid}/as-recorded", async (Guid id, DateTimeOffset on, IQuerySession session, CancellationToken cancellation) =>
                await session.Events.AggregateStreamAsync<Project>(id, timestamp: on, token: cancellation) is { } project ? Results.Ok(project) : Results.NotFound())
            .WithSummary("The project as the records said at a past recorded time (on=ISO 8601)");
        projects.MapGet("/queue", async (IQuerySession session, TimeProvider clock, CancellationToken cancellation) =>
                (await ApplicationQueue.LoadAsync(session, cancellation)).Select(q => new
                {
                    q.Place, q.Project.Id, q.Project.Name, q.Project.Slug, q.Project.RequestedStage, State = q.Project.Application, q.Project.Applied,
                    q.Project.ApplicationSince, q.Project.ReviewSession, NextStep = q.Project.NextStep(Today(clock)), Reason = q.Project.Decision,
                }))
            .WithSummary("The application queue in the order the TOC takes it, with who acts next and the reason for every decision");
        projects.MapGet("/statistics", async (DateOnly? from, DateOnly? to, IQuerySession session, TimeProvider clock, CancellationToken cancellation) =>
            {
                var all = await session.Query<Project>().ToListAsync(cancellation);
                var end = to ?? Today(clock);
                if (from > end) return Results.BadRequest(new { error = "The period's start is after its end." });
                var statistics = Lifecycle.Statistics(all, from ?? Lifecycle.FirstDate(all, end), end);
                return Results.Ok(new { statistics.Medians, OverTime = statistics.OverTime.Select(p => new { p.Day, p.Counts }) });
            })
            .WithSummary("Over a period (from, to; default all time): median days of the moves between levels completed in it, and projects per stage at each quarter's end");

        projects.MapPost("/", (ApplyProject command, IMessageBus bus, ClaimsPrincipal user) =>
                Api.SendAsync<Guid>(bus, user, command, id => Results.Created($"/api/projects/{id}", new { id })))
            .WithSummary("Record a project's application for the Sandbox or Incubation");
        projects.MapPost("/from-records", (RecordProjectFromRecords command, IMessageBus bus, ClaimsPrincipal user) =>
                Api.SendAsync<Guid>(bus, user, command, id => Results.Created($"/api/projects/{id}", new { id })))
            .WithSummary("Enter a project accepted before the portal, with the dates from the records");

        Change<RequestInformation>("information-requests", "Ask the applicant for information (Need-Info)");
        Change<RecordInformationProvided>("information", "Record the applicant's answer");
        Change<ScheduleReview>("review-session", "Schedule the application for a review session (Upcoming)");
        Change<PostponeApplication>("postponement", "Postpone the application, with the published reason");
        Change<DeclineApplication>("decline", "Decline the application, with the published reason");
        Change<Reapply>("reapplication", "A declined or postponed project applies again (Returning)");
        Change<FileLevelApplication>("level-application", "Apply to move to Incubation or to graduate");
        Change<SponsorDueDiligence>("sponsors", "Sponsor the due diligence yourself, declaring any conflict of interest");
        Change<WithdrawSponsorship>("sponsors/withdrawal", "Step down as sponsor");
        Change<RecordEvidence>("evidence", "Record the evidence for a due-diligence criterion");
        Change<OpenCommentPeriod>("comment-periods", "Open the internal, then the public comment period");
        Change<ChangeProjectDetails>("details", "Change the project's description, links, license, category or maintainers");
        Change<RecordSecurityAudit>("audits", "Record a security audit");
        Change<RecordAnnualReview>("annual-reviews", "Record an annual review");
        Change<CorrectStageDate>("stage-date-corrections", "Correct the date a project reached a stage (staff, with the reason); the original entry stays");

        void Change<T>(string path, string summary) where T : IProjectCommand =>
            projects.MapChange<T>("", path, summary, command => command.ProjectId, "project");
    }

    static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
