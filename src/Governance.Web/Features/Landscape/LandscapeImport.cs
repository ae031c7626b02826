using System.Globalization;
using Governance.Features.Membership;
using Governance.Features.Projects;
using Governance.Features.Providers;
using Governance.Platform;
using Governance.Platform.Accounts;
using Marten;
using Wolverine;
using Wolverine.Attributes;

namespace Governance.Features.Landscape;

/// <summary>Staff import a landscape.yml: projects with their dates, audits and reviews, and members by class.</summary>
public sealed record ImportLandscape(string Yaml, bool DryRun) : IStaffCommand;

public enum ImportOutcome { Added, Changed, Unchanged, Error }

/// <summary>What the import did (or, in a dry run, would do) to one item.</summary>
public sealed record ImportLine(string Item, string Kind, ImportOutcome Outcome, string Detail);

public sealed record ImportReport(bool DryRun, int EventsAppended, IReadOnlyList<ImportLine> Lines)
{
    public int Count(ImportOutcome outcome) => Lines.Count(l => l.Outcome == outcome);
}

/// <summary>
/// Compares each item of the file with the records and appends only the differences, all in one transaction:
/// importing the same file twice changes nothing, and a newer file records what changed since. A bad item is
/// reported with its name and reason and does not stop the others.
/// </summary>
[WolverineHandler]
public static class LandscapeImport
{
    public const string Source = "landscape.yml";

    public static async Task<ImportReport> Handle(ImportLandscape command, IDocumentSession session, IMessageBus bus,
        ProjectRules projectRules, MembershipRules membershipRules, ProviderPrograms programs, TimeProvider clock)
    {
        var file = Parse(command.Yaml);
        return await ApplyAsync(session, bus, file, command.DryRun, projectRules, membershipRules, programs, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
    }

    public static LandscapeFile Parse(string yaml)
    {
        try
        {
            return LandscapeFile.Parse(yaml);
        }
        catch (FormatException e)
        {
            throw new CommandRefused(e.Message);
        }
    }

    public static async Task<ImportReport> ApplyAsync(IDocumentSession session, IMessageBus bus, LandscapeFile file, bool dryRun,
        ProjectRules projectRules, MembershipRules membershipRules, ProviderPrograms programs, DateOnly today)
    {
        var projects = (await session.Query<Project>().ToListAsync()).ToDictionary(p => p.Slug);
        var organizations = (await session.Query<Organization>().ToListAsync()).ToDictionary(o => o.NormalizedName);
        var providers = await session.Query<ProviderApplication>().ToListAsync();
        var lines = new List<ImportLine>();
        var appended = 0;
        var lapseChecks = new List<(Guid Id, DateOnly TermEnd)>();
        var seen = new HashSet<string>();

        // Members first: a provider must be a member, and may have joined in this same file.
        var items = file.Items()
            .Select(x => (x.Category, x.Subcategory, x.Item, Program: programs.Programs.FirstOrDefault(p => string.Equals(p.Name, x.Subcategory, StringComparison.OrdinalIgnoreCase))))
            .Select(x => (x.Category, x.Subcategory, x.Item, x.Program,
                Kind: LandscapeFile.IsMembers(x.Category) ? "member" : x.Program is not null ? "provider" : x.Item.Project is not null ? "project" : null))
            .Where(x => x.Kind is not null) // the landscape's many other entries
            .OrderBy(x => x.Kind == "member" ? 0 : x.Kind == "project" ? 1 : 2);
        foreach (var (category, subcategory, item, program, kind) in items)
        {
            try
            {
                if (!seen.Add(kind == "project" ? $"project:{ApplyProjectHandler.SlugOf(item.Name)}" : $"{kind}:{program?.Key}:{MembershipRules.NormalizeName(MemberName(item.Name))}"))
                    throw new CommandRefused("The file lists it twice.");
                var (id, events, detail, newStream) = kind switch
                {
                    "member" => Member(item, subcategory!, organizations, membershipRules, today),
                    "provider" => Provider(item, program!, organizations, providers, today),
                    _ => Project(item, $"{category} / {subcategory}", projects, projectRules, today),
                };
                lines.Add(new ImportLine(item.Name, kind!, events.Count == 0 ? ImportOutcome.Unchanged : newStream ? ImportOutcome.Added : ImportOutcome.Changed, detail));
                if (kind == "member" && newStream && events[1] is MemberJoined joined)
                    organizations[MembershipRules.NormalizeName(MemberName(item.Name))] = new Organization
                        { Id = id, Name = MemberName(item.Name), MemberClass = joined.MemberClass, JoinedOn = joined.EffectiveDate, TermEnd = joined.TermEnd };
                if (events.Count == 0 || dryRun) continue;
                if (newStream)
                {
                    if (kind == "member") session.Events.StartStream<Organization>(id, events);
                    else if (kind == "provider") session.Events.StartStream<ProviderApplication>(id, events);
                    else session.Events.StartStream<Project>(id, events);
                }
                else session.Events.Append(id, events);
                appended += events.Count;
                if (events.LastOrDefault(e => e is MemberJoined or MembershipRenewed) is { } term)
                    lapseChecks.Add((id, term is MemberJoined j ? j.TermEnd : ((MembershipRenewed)term).TermEnd));
            }
            catch (CommandRefused refused)
            {
                lines.Add(new ImportLine(item.Name, kind!, ImportOutcome.Error, refused.Message));
            }
        }
        foreach (var (id, termEnd) in lapseChecks) await OrganizationStream.ScheduleLapseCheckAsync(bus, id, termEnd);
        return new ImportReport(dryRun, appended, lines);
    }

    static (Guid Id, List<object> Events, string Detail, bool New) Project(LandscapeItem item, string category,
        Dictionary<string, Project> projects, ProjectRules rules, DateOnly today)
    {
        var extra = item.Extra ?? new LandscapeExtra();
        DateOnly? accepted = Day(extra.Accepted, "accepted"), incubating = Day(extra.Incubating, "incubating"),
            graduated = Day(extra.Graduated, "graduated"), archived = Day(extra.Archived, "archived");
        var stage = item.Project?.Trim().ToLowerInvariant() switch
        {
            "sandbox" => ProjectStage.Sandbox, "incubating" => ProjectStage.Incubating, "graduated" => ProjectStage.Graduated,
            "archived" => ProjectStage.Archived,
            var other => throw new CommandRefused($"\"{other}\" is not a project stage (sandbox, incubating, graduated, archived)."),
        };
        var byDates = archived is not null ? ProjectStage.Archived : graduated is not null ? ProjectStage.Graduated
            : incubating is not null ? ProjectStage.Incubating : ProjectStage.Sandbox;
        if (byDates != stage) throw new CommandRefused($"It says {item.Project} but its dates say {byDates}.");
        var description = string.IsNullOrWhiteSpace(item.Description) ? item.Name : item.Description.Trim();
        // Accepted straight into Incubation: the landscape gives the same date for both.
        if (accepted == incubating) accepted = null;

        List<object> events = [];
        var slug = ApplyProjectHandler.SlugOf(item.Name);
        if (!projects.TryGetValue(slug, out var project))
        {
            var id = Guid.CreateVersion7();
            var entered = ProjectFromRecords.Decide(new RecordProjectFromRecords(item.Name, description, item.RepoUrl, item.HomepageUrl,
                accepted, incubating, graduated, archived, Source), id, false, today, rules);
            events.AddRange(entered.Select(e => e is ProjectApplied a ? a with { Category = category } : e));
            project = new Project { Id = id };
            events.AddRange(Records(project, extra, today));
            return (id, events, $"{stage}", true);
        }

        var changed = new ProjectDetailsChanged(project.Id, description, Web(item.RepoUrl, "repo_url"), Web(item.HomepageUrl, "homepage_url"),
            project.License, category, project.Maintainers);
        if ((changed.Description, changed.RepoUrl, changed.HomepageUrl, changed.Category) != (project.Description, project.RepoUrl, project.HomepageUrl, project.Category))
            events.Add(changed);
        var reason = $"From the records: {Source}";
        if (accepted is { } a1 && project.Sandbox is null && project.Stage == ProjectStage.Applied) events.Add(new ProjectAcceptedIntoSandbox(project.Id, a1, null, reason));
        if (incubating is { } i1 && project.Incubating is null) events.Add(new ProjectMovedToIncubation(project.Id, i1, null, reason));
        if (graduated is { } g1 && project.Graduated is null) events.Add(new ProjectGraduated(project.Id, g1, null, reason));
        if (archived is { } r1 && project.Archived is null) events.Add(new ProjectArchived(project.Id, project.Stage, r1, null, reason));
        events.AddRange(Records(project, extra, today));
        return (project.Id, events, events.Count == 0 ? "as on record" : string.Join(", ", events.Select(e => e.GetType().Name)), false);
    }

    /// <summary>Audits and the annual review the records do not have yet.</summary>
    static IEnumerable<object> Records(Project project, LandscapeExtra extra, DateOnly today)
    {
        foreach (var audit in extra.Audits ?? [])
        {
            var url = Web(audit.Url, "audit url") ?? throw new CommandRefused("An audit has no url.");
            if (project.Audits.Any(a => a.Url == url)) continue;
            yield return ProjectRecords.Decide(project, new RecordSecurityAudit(project.Id, 0, Day(audit.Date, "audit date") ?? throw new CommandRefused("An audit has no date."),
                audit.Vendor ?? "unknown", url, audit.Type), today);
        }
        if (Day(extra.AnnualReviewDate, "annual_review_date") is { } reviewed && project.AnnualReviews.All(r => r.Date != reviewed))
            yield return ProjectRecords.Decide(project, new RecordAnnualReview(project.Id, 0, reviewed, extra.AnnualReviewUrl ?? ""), today);
    }

    static (Guid Id, List<object> Events, string Detail, bool New) Member(LandscapeItem item, string subcategory,
        Dictionary<string, Organization> organizations, MembershipRules rules, DateOnly today)
    {
        var name = MemberName(item.Name);
        var memberClass = ClassOf(subcategory, rules) ?? throw new CommandRefused($"\"{subcategory}\" matches no membership class ({string.Join(", ", rules.Classes)}).");
        var joined = Day(item.Joined, "joined") ?? throw new CommandRefused("A member needs its joined date.");
        if (!organizations.TryGetValue(MembershipRules.NormalizeName(name), out var organization))
        {
            var id = Guid.CreateVersion7();
            var reason = $"Listed as a member in {Source}";
            var events = RecordJoinHandler.Decide(new RecordJoin(name, item.HomepageUrl, memberClass, joined, reason), id, false, rules, today).ToList();
            // Listed today, so every term since joining was renewed: one renewal a term up to the current one.
            for (var termEnd = ((MemberJoined)events[^1]).TermEnd; termEnd < today; termEnd = termEnd.AddMonths(rules.TermMonths))
                events.Add(new MembershipRenewed(id, memberClass, termEnd, termEnd.AddMonths(rules.TermMonths), false, termEnd, reason));
            return (id, events, $"{memberClass} since {joined:yyyy-MM-dd}", true);
        }
        if (!organization.IsMember)
            throw new CommandRefused($"{organization.Name} is listed as a member but is not one on record; record its rejoin by hand.");
        if (organization.MemberClass == memberClass) return (organization.Id, [], "as on record", false);
        var tier = ChangeTierHandler.Decide(organization, new ChangeTier(organization.Id, organization.Version, memberClass, today, null), rules, today);
        return (organization.Id, [tier with { Reason = $"Class in {Source}" }], $"{organization.MemberClass} → {memberClass}", false);
    }

    /// <summary>
    /// An approved provider from the "Special" category (subcategory = the program's name). The landscape lists no
    /// certificates, so none are on record: staff add the evidence before the standing checks can judge it.
    /// </summary>
    static (Guid Id, List<object> Events, string Detail, bool New) Provider(LandscapeItem item, ProviderProgram program,
        Dictionary<string, Organization> organizations, IReadOnlyList<ProviderApplication> providers, DateOnly today)
    {
        var name = MemberName(item.Name);
        if (!organizations.TryGetValue(MembershipRules.NormalizeName(name), out var organization) || !organization.IsMember)
            throw new CommandRefused($"{name} is not a foundation member on record; a provider must be one.");
        if (providers.FirstOrDefault(p => p.OrganizationId == organization.Id && p.Program == program.Key
                && p.State is ProviderState.Approved or ProviderState.Submitted or ProviderState.NeedInfo) is { } existing)
            return (existing.Id, [], "as on record", false);
        var id = Guid.CreateVersion7();
        return (id,
        [
            new ProviderApplicationSubmitted(id, program.Key, organization.Id, organization.Name, item.HomepageUrl ?? organization.Website, organization.Country,
                [], [], [], $"Listed in {Source}"),
            new ProviderApproved(id, today, $"Listed as approved in {Source}; certificates not on record"),
        ], program.Name, true);
    }

    /// <summary>"Adyen (member)", "Adidas (supporter)" and "Acme (KCSP)" are Adyen, Adidas and Acme.</summary>
    public static string MemberName(string name) =>
        System.Text.RegularExpressions.Regex.Replace(name, @"\s*\([^)]*\)\s*$", "").Trim();

    /// <summary>The class a subcategory names: exactly, ignoring spacing and dashes ("Nonprofit" is "Non-Profit"), or by its start ("End User Supporter…").</summary>
    public static string? ClassOf(string subcategory, MembershipRules rules)
    {
        static string Letters(string s) => new(s.Where(char.IsLetter).Select(char.ToLowerInvariant).ToArray());
        return rules.ClassNamed(subcategory)
               ?? rules.Classes.FirstOrDefault(c => Letters(c) == Letters(subcategory))
               ?? rules.Classes.FirstOrDefault(c => Letters(subcategory).StartsWith(Letters(c), StringComparison.Ordinal));
    }

    static DateOnly? Day(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? null
        : DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : throw new CommandRefused($"{field} \"{value}\" is not a date (YYYY-MM-DD).");

    static string? Web(string? url, string field) => ChangeOrganizationDetailsHandler.WebAddress(url, field);
}
