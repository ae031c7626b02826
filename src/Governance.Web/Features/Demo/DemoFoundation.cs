using Governance.Features.Membership;
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
    ];

    const string Recorder = "staff@demo.governance";

    static readonly (string Name, string Website, string Class, string Joined)[] Members =
    [
        ("Northwind Cloud", "https://northwind.example", "Platinum", "2017-03-14"),
        ("Contoso Systems", "https://contoso.example", "Platinum", "2018-06-02"),
        ("Fabrikam Networks", "https://fabrikam.example", "Gold", "2019-01-21"),
        ("Tailspin Data", "https://tailspin.example", "Gold", "2020-09-08"),
        ("Litware Labs", "https://litware.example", "Silver", "2018-11-30"),
        ("Adventure Works", "https://adventure-works.example", "Silver", "2019-05-17"),
        ("Proseware", "https://proseware.example", "Silver", "2021-02-03"),
        ("Wingtip Toys", "https://wingtip.example", "Silver", "2022-07-12"),
        ("Lucerne Publishing", "https://lucerne.example", "Silver", "2023-04-25"),
        ("Blue Yonder Airlines", "https://blueyonder.example", "End User", "2020-03-09"),
        ("Margie's Travel", "https://margies.example", "End User", "2024-10-01"),
        ("University of Wide World Importers", "https://wwi.example.edu", "Academic", "2021-08-19"),
        ("Open Commons Trust", "https://opencommons.example.org", "Non-Profit", "2022-01-10"),
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
        foreach (var (name, website, memberClass, joined) in Members)
            await bus.InvokeAsync<Guid>(
                new RecordJoin(name, website, memberClass, DateOnly.Parse(joined), "Entered from the foundation's records"),
                asRecorder, cancellation);
        return true;
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
