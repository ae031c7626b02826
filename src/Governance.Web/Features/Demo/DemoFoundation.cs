using Governance.Features.Membership;
using Governance.Features.Projects;
using Governance.Features.Providers;
using Governance.Features.Toc;
using Governance.Platform.Accounts;
using Marten;
using Wolverine;

namespace Governance.Features.Demo;

/// <summary>
/// A believable small foundation for the demo: sign-in accounts and several years of membership history,
/// recorded through the same commands staff use, so every event is attributed and validated.
/// </summary>
public static class DemoFoundation
{
    public static readonly Account[] Accounts =
    [
        Account.Local("staff@demo.governance", "Sam Staff", "staff-demo-password", Roles.Staff),
        Account.Local("toc@demo.governance", "Tara Toc", "toc-demo-password", Roles.Toc),
        Account.Local("chair@demo.governance", "Chris Chair", "chair-demo-password", Roles.Staff, Roles.Toc),
        .. new[] { "Ada", "Bo", "Cyd", "Dee", "Eli", "Fay", "Gus", "Hal", "Ivy" }
            .Select(name => Account.Local($"{name.ToLowerInvariant()}@demo.governance", $"{name} (TOC)", "toc-demo-password", Roles.Toc)),
    ];

    static IEnumerable<Account> Toc => Accounts.Where(a => a.Roles.Contains(Roles.Toc));

    const string Recorder = "staff@demo.governance";

    const string FromRecords = "Entered from the foundation's records";

    /// <summary>Each member's story: joined at a class on a date, then what happened, in order. Terms are renewed
    /// every year up to today unless the story says it left or stopped renewing.</summary>
    static readonly (string Name, string Class, string Joined, (string What, string Value, string On)[] Then)[] Members =
    [
        ("Northwind Cloud", "Platinum", "2017-03-14", []),
        ("Contoso Systems", "Gold", "2018-06-02", [("tier", "Platinum", "2020-06-02")]),
        ("Fabrikam Networks", "Gold", "2019-01-21", []),
        ("Tailspin Data", "Silver", "2020-09-08", [("tier", "Gold", "2022-09-08")]),
        ("Litware Labs", "Silver", "2018-11-30", [("leave", "Budget cuts after a reorganisation", "2023-11-30")]),
        ("Adventure Works", "Silver", "2019-05-17", []),
        ("Proseware", "Silver", "2021-02-03", [("stop", "", "2024-02-03")]),
        ("Wingtip Toys", "Silver", "2022-07-12", []),
        ("Lucerne Publishing", "Silver", "2023-04-25", [("leave", "Moved its open source work to another foundation", "2024-04-25"), ("rejoin", "Silver", "2025-05-01")]),
        ("Graphic Design Institute", "Silver", "2021-10-04", []),
        ("Trey Research", "Silver", "2020-01-15", [("tier", "End User", "2023-01-15")]),
        ("Woodgrove Bank", "End User", "2020-03-09", []),
        ("Margie's Travel", "End User", "2024-10-01", []),
        ("Coho Winery", "Silver", "2022-02-22", []),
        ("Alpine Ski House", "Silver", "2023-08-30", []),
        ("Relecloud", "Silver", "2024-03-11", []),
        ("A. Datum Corporation", "Silver", "2025-07-07", []),
        ("Southridge Video", "Silver", "2019-09-19", []),
        ("Humongous Insurance", "Gold", "2021-06-06", []),
        ("Wide World Importers University", "Academic", "2021-08-19", []),
        ("Open Commons Trust", "Non-Profit", "2022-01-10", []),
        ("Fourth Coffee", "Silver", DateTime.UtcNow.AddMonths(-1).ToString("yyyy-MM-dd"), []),
    ];

    /// <summary>Writes the demo foundation unless accounts already exist. Returns whether it seeded.</summary>
    public static async Task<bool> SeedAsync(IDocumentStore store, IMessageBus bus, ProjectRules rules, CancellationToken cancellation)
    {
        await using (var session = store.LightweightSession())
        {
            if (await session.Query<Account>().AnyAsync(cancellation)) return false;
            session.Store(Accounts);
            await session.SaveChangesAsync(cancellation);
        }

        var asRecorder = new DeliveryOptions().WithHeader(CommandAuthorization.ActorHeader, Recorder);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var (name, memberClass, joined, then) in Members)
        {
            var id = await bus.InvokeAsync<Guid>(
                new RecordJoin(name, $"https://{new string(name.ToLowerInvariant().Where(char.IsLetter).ToArray())}.example", memberClass, DateOnly.Parse(joined), FromRecords),
                asRecorder, cancellation);
            var renewing = true;
            foreach (var (what, value, on) in then.Append(("end", "", today.AddYears(1).ToString("yyyy-MM-dd"))))
            {
                var day = DateOnly.Parse(on);
                // Renew every term that ended before this step, as the records show.
                for (var o = await LoadAsync(store, id, cancellation); renewing && o.IsMember && o.TermEnd < day && o.TermEnd <= today.AddDays(20); o = await LoadAsync(store, id, cancellation))
                    await Send(new RenewMembership(id, o.Version, o.TermEnd!.Value, FromRecords));
                var current = await LoadAsync(store, id, cancellation);
                switch (what)
                {
                    case "tier": await Send(new ChangeTier(id, current.Version, value, day, "Board approved the change")); break;
                    case "leave": await Send(new RecordDeparture(id, current.Version, day, value)); renewing = false; break;
                    case "rejoin": await Send(new RecordRejoin(id, current.Version, value, day, FromRecords)); renewing = true; break;
                    case "stop": renewing = false; break;
                }
            }
        }
        await SeedTocAsync(store, bus, rules, asRecorder, today, cancellation);
        await SeedProvidersAsync(store, bus, asRecorder, today, cancellation);
        return true;

        Task Send(object command) => bus.InvokeAsync(command, asRecorder, cancellation);
    }

    /// <summary>A TOC of eleven; projects at every stage, from the records and through the portal; passed, failed and open votes.</summary>
    static async Task SeedTocAsync(IDocumentStore store, IMessageBus bus, ProjectRules rules, DeliveryOptions asStaff, DateOnly today, CancellationToken cancellation)
    {
        var members = Toc.ToArray();
        foreach (var (member, i) in members.Select((m, i) => (m, i)))
            await bus.InvokeAsync(new SeatTocMember(member.Id, member.DisplayName, (SelectedBy)(i % 4), today.AddMonths(-i * 2), today.AddMonths(-i * 2).AddYears(2)), asStaff, cancellation);
        await bus.InvokeAsync(new ChooseTocOfficer("chair@demo.governance", TocOffice.Chair), asStaff, cancellation);
        await bus.InvokeAsync(new ChooseTocOfficer("toc@demo.governance", TocOffice.ViceChair), asStaff, cancellation);

        DeliveryOptions As(Account member) => new DeliveryOptions().WithHeader(CommandAuthorization.ActorHeader, member.Id);
        var decided = VoteProfile.Default with { MinimumOpen = TimeSpan.Zero };

        async Task<Guid> VoteAsync(Motion motion, int inFavour, int against, VoteProfile profile)
        {
            var voteId = await bus.InvokeAsync<Guid>(new OpenVote(motion, profile), As(members[0]), cancellation);
            // Against first: a vote that passes closes on the ballot that carries it, and takes none after.
            for (var i = 0; i < inFavour + against; i++)
                await bus.InvokeAsync<string>(new CastVote(voteId, i < against ? Choice.Against : Choice.InFavour), As(members[i]), cancellation);
            return voteId;
        }

        // Projects the foundation accepted before the portal, with the dates of its records.
        (string Name, string Description, string? Accepted, string? Incubating, string? Graduated, string? Archived)[] history =
        [
            ("Mast", "Container image signing", "2018-03-06", "2019-06-18", "2021-09-14", null),
            ("Rigging", "Declarative cluster provisioning", "2019-08-20", "2020-11-10", "2023-02-28", null),
            ("Compass", "Multi-cluster service routing", null, "2021-02-09", "2024-06-11", null),
            ("Keel", "Policy engine for deployments", "2019-01-15", "2021-04-27", null, null),
            ("Anchor", "Persistent volumes for edge clusters", "2020-05-12", "2022-08-30", null, null),
            ("Tidewater", "Streaming backups for etcd", "2022-04-05", null, null, null),
            ("Buoy", "Health probes as code", "2023-07-18", null, null, null),
            ("Lighthouse", "Cost reports for namespaces", "2024-03-26", null, null, null),
            ("Driftwood", "A scheduler that is no longer maintained", "2018-09-11", null, null, "2023-05-09"),
        ];
        var ids = new Dictionary<string, Guid>();
        foreach (var (name, description, accepted, incubating, graduated, archived) in history)
            ids[name] = await bus.InvokeAsync<Guid>(new RecordProjectFromRecords(name, description, Repo(name), null, Day(accepted), Day(incubating),
                Day(graduated), Day(archived), "the foundation's landscape.yml"), asStaff, cancellation);
        await Send(new RecordSecurityAudit(ids["Mast"], await VersionAsync(ids["Mast"]), new DateOnly(2021, 5, 4), "Trail of Bits", "https://example.org/audits/mast-2021.pdf", "security"), asStaff);
        await Send(new RecordAnnualReview(ids["Buoy"], await VersionAsync(ids["Buoy"]), new DateOnly(2024, 7, 20), "https://github.com/cncf/toc/pull/1234"), asStaff);

        // The live process: a queue with every state, due diligences under way, and the votes that decide.
        var harbor = await ApplyAsync("Harbor", "A service mesh for small clusters");
        await Send(new ScheduleReview(harbor, await VersionAsync(harbor), today), As(members[0]));
        await VoteAsync(new Motion(MotionKind.AcceptIntoSandbox, harbor, "Harbor: accept it into the Sandbox"), 8, 1, decided);

        var sextant = await ApplyAsync("Sextant", "Navigation charts for service dependencies");
        await VoteAsync(new Motion(MotionKind.AcceptIntoSandbox, sextant, "Sextant: accept it into the Sandbox"), 0, 4, decided);
        await Send(new Reapply(sextant, await VersionAsync(sextant), "Two new maintainers from other companies and a public roadmap"), asStaff);

        var quarry = await ApplyAsync("Quarry", "Data lake connectors for Kubernetes jobs");
        await Send(new RequestInformation(quarry, await VersionAsync(quarry), "Which license does the operator use, and who maintains it?"), As(members[1]));
        var pylon = await ApplyAsync("Pylon", "Power-aware scheduling");
        await Send(new PostponeApplication(pylon, await VersionAsync(pylon), "Overlaps Keel's scope; please describe how the two differ and come back next cycle"), As(members[2]));
        await ApplyAsync("Lantern", "Tracing for serverless functions");
        var beacon = await ApplyAsync("Beacon", "Service discovery at the edge");
        await Send(new ScheduleReview(beacon, await VersionAsync(beacon), today.AddDays(14)), As(members[0]));
        await VoteAsync(new Motion(MotionKind.AcceptIntoSandbox, beacon, "Beacon: accept it into the Sandbox"), 3, 1, VoteProfile.Default);

        // Keel applies to graduate: sponsored, half-way through due diligence.
        await Send(new FileLevelApplication(ids["Keel"], await VersionAsync(ids["Keel"]), ProjectStage.Graduated), asStaff);
        await Send(new SponsorDueDiligence(ids["Keel"], await VersionAsync(ids["Keel"]), null), As(members[3]));
        foreach (var key in new[] { "adopters", "openssf-badge", "maintainer-diversity" })
            await Send(new RecordEvidence(ids["Keel"], await VersionAsync(ids["Keel"]), key, $"https://github.com/cncf/toc/issues/keel-{key}", true, null), As(members[3]));
        // Tidewater applies for Incubation: a conflicted sponsor with a co-sponsor, evidence complete, internal comment open.
        var tidewater = ids["Tidewater"];
        await Send(new FileLevelApplication(tidewater, await VersionAsync(tidewater), ProjectStage.Incubating), asStaff);
        await Send(new SponsorDueDiligence(tidewater, await VersionAsync(tidewater), "Works for an adopter of Tidewater"), As(members[4]));
        await Send(new SponsorDueDiligence(tidewater, await VersionAsync(tidewater), null), As(members[5]));
        foreach (var criterion in rules.Incubation.Where(c => c.Required))
            await Send(new RecordEvidence(tidewater, await VersionAsync(tidewater), criterion.Key, $"https://github.com/cncf/toc/issues/tidewater-{criterion.Key}", true, null), As(members[5]));
        await Send(new OpenCommentPeriod(tidewater, await VersionAsync(tidewater), CommentPeriod.Internal), As(members[5]));

        await VoteAsync(new Motion(MotionKind.General, null, "Move TOC meetings to Thursdays"), 2, 2, VoteProfile.Default with { Duration = TimeSpan.FromSeconds(30), MinimumOpen = TimeSpan.Zero });
        await Send(new ScheduleFreezeWindow("KubeCon + CloudNativeCon (4 weeks before)", today.AddDays(60), today.AddDays(88)), asStaff);

        Task Send(object command, DeliveryOptions who) => bus.InvokeAsync(command, who, cancellation);
        Task<Guid> ApplyAsync(string name, string description) =>
            bus.InvokeAsync<Guid>(new ApplyProject(name, description, Repo(name), null, ProjectStage.Sandbox), asStaff, cancellation);
        async Task<long> VersionAsync(Guid project)
        {
            await using var session = store.QuerySession();
            return (await session.LoadAsync<Project>(project, cancellation))!.Version;
        }
        static string Repo(string name) => $"https://github.com/{name.ToLowerInvariant()}/{name.ToLowerInvariant()}";
        static DateOnly? Day(string? date) => date is null ? null : DateOnly.Parse(date);
    }

    /// <summary>Two approved providers (one warned: a certificate expires soon), and an application under review.</summary>
    static async Task SeedProvidersAsync(IDocumentStore store, IMessageBus bus, DeliveryOptions asStaff, DateOnly today, CancellationToken cancellation)
    {
        async Task<Guid> ApplyAsync(string company, string program, string country, string[] services, int engineers, DateOnly firstExpires)
        {
            await using var session = store.QuerySession();
            var organization = await session.Query<Organization>().SingleAsync(o => o.Name == company, cancellation);
            var initials = new string(company.Where(char.IsUpper).ToArray());
            return await bus.InvokeAsync<Guid>(new ApplyToProgram(program, organization.Id, country, services,
                Enumerable.Range(1, engineers).Select(i => new CertifiedEngineer($"{initials} engineer {i}", $"LF-{initials}-{i:D3}", i == 1 ? firstExpires : today.AddYears(2))).ToList(),
                [$"https://github.com/kubernetes/kubernetes/pulls?q=author%3A{initials.ToLowerInvariant()}"], "Enterprise support with engineers on site"), asStaff, cancellation);
        }

        async Task ApproveAsync(Guid application, ProviderProgram program)
        {
            foreach (var requirement in program.Requirements)
                await bus.InvokeAsync(new ReviewRequirement(application, await VersionAsync(application), requirement.Key, true, null), asStaff, cancellation);
            await bus.InvokeAsync(new ApproveProvider(application, await VersionAsync(application)), asStaff, cancellation);
        }

        async Task<long> VersionAsync(Guid application)
        {
            await using var session = store.QuerySession();
            return (await session.LoadAsync<ProviderApplication>(application, cancellation))!.Version;
        }

        var programs = new ProviderPrograms();
        await ApproveAsync(await ApplyAsync("Contoso Systems", "kcsp", "US", ["Consulting", "Managed Kubernetes"], 3, today.AddDays(20)), programs.Named("kcsp")!);
        await ApproveAsync(await ApplyAsync("Tailspin Data", "ktp", "GB", ["Training"], 2, today.AddYears(1)), programs.Named("ktp")!);
        await ApplyAsync("Fabrikam Networks", "kcsp", "DE", ["Support"], 3, today.AddYears(1));
    }

    static async Task<Organization> LoadAsync(IDocumentStore store, Guid id, CancellationToken cancellation)
    {
        await using var session = store.QuerySession();
        return (await session.LoadAsync<Organization>(id, cancellation))!;
    }
}

/// <summary>Seeds the demo foundation when the app runs on its embedded database (`Demo:SeedOnStart`).</summary>
public sealed class DemoFoundationOnFirstStart(IConfiguration configuration, IDocumentStore store, IServiceScopeFactory scopes,
    ILogger<DemoFoundationOnFirstStart> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue<bool>("Demo:SeedOnStart")) return;
        await using var scope = scopes.CreateAsyncScope();
        if (await DemoFoundation.SeedAsync(store, scope.ServiceProvider.GetRequiredService<IMessageBus>(), scope.ServiceProvider.GetRequiredService<ProjectRules>(), stoppingToken))
            logger.LogInformation("Seeded the demo foundation; sign in as {Account}", DemoFoundation.Accounts[0].Id);
    }
}
