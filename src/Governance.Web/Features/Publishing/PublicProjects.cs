using System.Globalization;
using System.Xml.Linq;
using Governance.Features.Projects;
using Governance.Platform;
using JasperFx.Events;
using Marten.Events;
using Marten;

namespace Governance.Features.Publishing;

/// <summary>Public projects: the JSON API, the landscape exports and the Atom feed of lifecycle changes.</summary>
public static class PublicProjects
{
    public sealed record PublicAudit(DateOnly Date, string Vendor, string Url, string Type);

    public sealed record PublicProject(string Name, string Slug, ProjectStage Stage, string Description, string? Category, string? HomepageUrl,
        string? RepoUrl, DateOnly? Accepted, DateOnly? Incubating, DateOnly? Graduated, DateOnly? Archived, IReadOnlyList<PublicAudit> Audits,
        IReadOnlyList<AnnualReview> AnnualReviews);

    public sealed record PublicProjectDetail(PublicProject Project, IReadOnlyList<TimelineEntry> Timeline);

    /// <summary>
    /// Accepted projects only: applications in the queue are the TOC's until a vote accepts them. With
    /// <paramref name="asOf"/>, as they stood that day (by effective date): a project not yet accepted is absent, one
    /// archived later shows the stage it had then, and later dates and audits are left out.
    /// </summary>
    public static async Task<IReadOnlyList<PublicProject>> ListAsync(IQuerySession session, ProjectStage? stage, string? search, DateOnly? asOf,
        CancellationToken cancellation) =>
        Filter((await session.Query<Project>().Where(p => p.Stage != ProjectStage.Applied).OrderBy(p => p.Name).ToListAsync(cancellation))
            .Select(p => ToPublic(p, asOf)).OfType<PublicProject>().ToList(), stage, search);

    public static IReadOnlyList<PublicProject> Filter(IReadOnlyList<PublicProject> projects, ProjectStage? stage, string? search) =>
        projects
            .Where(p => stage is null || p.Stage == stage)
            .Where(p => string.IsNullOrWhiteSpace(search) || p.Name.Contains(search.Trim(), StringComparison.OrdinalIgnoreCase)
                        || p.Description.Contains(search.Trim(), StringComparison.OrdinalIgnoreCase))
            .ToList();

    public static async Task<PublicProjectDetail?> FindAsync(IQuerySession session, string slug, DateOnly? asOf, CancellationToken cancellation)
    {
        var project = await session.Query<Project>().FirstOrDefaultAsync(p => p.Slug == slug && p.Stage != ProjectStage.Applied, cancellation);
        if (project is null || ToPublic(project, asOf) is not { } shown) return null;
        var timeline = await Lifecycle.TimelineAsync(session, project.Id, cancellation);
        return new PublicProjectDetail(shown, timeline.Where(t => t.Public && (asOf is null || t.Date <= asOf)).ToList());
    }

    static PublicProject? ToPublic(Project p, DateOnly? asOf)
    {
        var day = asOf ?? DateOnly.MaxValue;
        if ((asOf is null ? p.Stage : Lifecycle.StageOn(p, day)) is not { } stage) return null;
        DateOnly? Until(DateOnly? date) => date <= day ? date : null;
        return new(p.Name, p.Slug, stage, p.Description, p.Category, p.HomepageUrl, p.RepoUrl,
            Until(p.Sandbox ?? p.Incubating), Until(p.Incubating), Until(p.Graduated), Until(p.Archived),
            p.Audits.Where(a => a.Date <= day).OrderBy(a => a.Date).Select(a => new PublicAudit(a.Date, a.Vendor, a.Url, a.Type)).ToList(),
            p.AnnualReviews.Where(r => r.Date <= day).OrderBy(r => r.Date).ToList());
    }

    public static void MapPublicProjects(this RouteGroupBuilder api, WebApplication app)
    {
        api.MapGet("/projects", async (ProjectStage? stage, string? q, DateOnly? asOf, HttpContext http, IQuerySession session, CancellationToken cancellation) =>
                PublicApi.Cacheable(http, await ListAsync(session, stage, q, asOf, cancellation)))
            .WithSummary("Every accepted project with its stage and the dates it reached each level; optionally of one stage, matching a search, or as of a date (YYYY-MM-DD)")
            .Produces<PublicProject[]>();
        api.MapGet("/projects/{slug}", async (string slug, DateOnly? asOf, HttpContext http, IQuerySession session, CancellationToken cancellation) =>
                await FindAsync(session, slug, asOf, cancellation) is { } detail ? PublicApi.Cacheable(http, detail) : Results.NotFound())
            .WithSummary("One project: its stage, dates, audits, reviews and public timeline with the votes that moved it; optionally as of a date")
            .Produces<PublicProjectDetail>();
        api.MapGet("/projects.csv", async (IQuerySession session, CancellationToken cancellation) =>
                Results.Text(ProjectsCsv(await ListAsync(session, null, null, null, cancellation)), "text/csv"))
            .WithSummary("projects.csv with cncf/landscape2's columns");
        api.MapGet("/landscape.yml", async (IQuerySession session, CancellationToken cancellation) =>
                Results.Text(await Landscape.LandscapeExport.WriteAsync(session, cancellation), "application/yaml"))
            .WithSummary("The projects and members sections of a landscape.yml, which import-landscape reads back unchanged");

        app.MapGet("/feeds/lifecycle.atom", async (HttpContext http, IQuerySession session, CancellationToken cancellation) =>
                Results.Text(await AtomAsync(session, new Uri($"{http.Request.Scheme}://{http.Request.Host}"), cancellation), "application/atom+xml"))
            .AllowAnonymous().WithTags("Public").WithSummary("Atom feed of the latest 50 project lifecycle changes");
    }

    public const string CsvHeader = "project_name,maturity,tag,accepted_date,sandbox_date,incubating_date,graduated_date,archived_date,num_security_audits,last_security_audit_date";

    public static string ProjectsCsv(IEnumerable<PublicProject> projects) =>
        string.Join('\n', projects.Select(p => Csv.Line(p.Name, p.Stage.ToString().ToLowerInvariant(), p.Category, Day(p.Accepted), Day(p.Accepted),
            Day(p.Incubating), Day(p.Graduated), Day(p.Archived), p.Audits.Count.ToString(CultureInfo.InvariantCulture), Day(p.Audits.LastOrDefault()?.Date)))
            .Prepend(CsvHeader)) + "\n";

    static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    static readonly Type[] LifecycleEvents = [typeof(ProjectAcceptedIntoSandbox), typeof(ProjectMovedToIncubation), typeof(ProjectGraduated), typeof(ProjectArchived), typeof(ProjectReactivated)];

    static async Task<string> AtomAsync(IQuerySession session, Uri portal, CancellationToken cancellation)
    {
        var events = await session.Events.QueryAllRawEvents().Where(e => e.EventTypesAre(LifecycleEvents))
            .OrderByDescending(e => e.Sequence).Take(50).ToListAsync(cancellation);
        var ids = events.Select(e => e.StreamId).Distinct().ToArray();
        var projects = (await session.LoadManyAsync<Project>(cancellation, ids)).ToDictionary(p => p.Id);
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var entries = events.Where(e => projects.ContainsKey(e.StreamId)).Select(e =>
        {
            var project = projects[e.StreamId];
            var moved = (IEffectiveDated)e.Data;
            var title = $"{project.Name}: {Lifecycle.Describe(e.Data)} on {moved.EffectiveDate:yyyy-MM-dd}";
            var link = new Uri(portal, $"/projects/{project.Slug}").ToString();
            return new XElement(atom + "entry",
                new XElement(atom + "id", $"urn:uuid:{e.Id}"), new XElement(atom + "title", title),
                new XElement(atom + "updated", e.Timestamp.ToString("O")), new XElement(atom + "link", new XAttribute("href", link)),
                new XElement(atom + "summary", moved.Reason ?? title));
        }).ToList();
        var feed = new XElement(atom + "feed",
            new XElement(atom + "id", new Uri(portal, "/feeds/lifecycle.atom").ToString()),
            new XElement(atom + "title", "Project lifecycle changes"),
            new XElement(atom + "updated", (events.FirstOrDefault()?.Timestamp ?? DateTimeOffset.UnixEpoch).ToString("O")),
            new XElement(atom + "link", new XAttribute("rel", "self"), new XAttribute("href", new Uri(portal, "/feeds/lifecycle.atom").ToString())),
            new XElement(atom + "author", new XElement(atom + "name", "Governance")),
            entries);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), feed).ToString();
    }
}
