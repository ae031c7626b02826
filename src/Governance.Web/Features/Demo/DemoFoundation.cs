using Governance.Features.Membership;
using Governance.Features.Projects;
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
    public static async Task<bool> SeedAsync(IDocumentStore store, IMessageBus bus, CancellationToken cancellation)
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
        await SeedTocAsync(bus, asRecorder, today, cancellation);
        return true;

        Task Send(object command) => bus.InvokeAsync(command, asRecorder, cancellation);
    }

    /// <summary>A TOC of eleven, projects at every stage moved there by passed votes, a failed vote and an open one.</summary>
    static async Task SeedTocAsync(IMessageBus bus, DeliveryOptions asStaff, DateOnly today, CancellationToken cancellation)
    {
        var members = Toc.ToArray();
        foreach (var (member, i) in members.Select((m, i) => (m, i)))
            await bus.InvokeAsync(new SeatTocMember(member.Id, member.DisplayName, (SelectedBy)(i % 4), today.AddMonths(-i * 2), today.AddMonths(-i * 2).AddYears(2)), asStaff, cancellation);

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

        async Task ProjectAsync(string name, string description, params MotionKind[] moves)
        {
            var id = await bus.InvokeAsync<Guid>(new ApplyProject(name, description, $"https://github.com/{name.ToLowerInvariant()}/{name.ToLowerInvariant()}", null, ProjectStage.Sandbox), As(members[0]), cancellation);
            foreach (var move in moves)
                await VoteAsync(new Motion(move, id, $"{name}: {ProjectMoves.Describe(move)}"), 8, 1, decided);
        }

        await ProjectAsync("Harbor", "A service mesh for small clusters", MotionKind.AcceptIntoSandbox);
        await ProjectAsync("Tidewater", "Streaming backups for etcd", MotionKind.AcceptIntoSandbox);
        await ProjectAsync("Keel", "Policy engine for deployments", MotionKind.AcceptIntoSandbox, MotionKind.MoveToIncubation);
        await ProjectAsync("Mast", "Container image signing", MotionKind.AcceptIntoSandbox, MotionKind.MoveToIncubation, MotionKind.Graduate);
        await ProjectAsync("Driftwood", "A scheduler that is no longer maintained", MotionKind.AcceptIntoSandbox, MotionKind.Archive);
        await ProjectAsync("Lantern", "Tracing for serverless functions");
        await VoteAsync(new Motion(MotionKind.General, null, "Move TOC meetings to Thursdays"), 2, 2, VoteProfile.Default with { Duration = TimeSpan.FromSeconds(30), MinimumOpen = TimeSpan.Zero });

        var beacon = await bus.InvokeAsync<Guid>(new ApplyProject("Beacon", "Service discovery at the edge", "https://github.com/beacon/beacon", null, ProjectStage.Sandbox), As(members[0]), cancellation);
        await VoteAsync(new Motion(MotionKind.AcceptIntoSandbox, beacon, "Beacon: accept it into the Sandbox"), 3, 1, VoteProfile.Default);
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
        if (await DemoFoundation.SeedAsync(store, scope.ServiceProvider.GetRequiredService<IMessageBus>(), stoppingToken))
            logger.LogInformation("Seeded the demo foundation; sign in as {Account}", DemoFoundation.Accounts[0].Id);
    }
}
