using Governance.Features.Projects;
using JasperFx.CommandLine;
using Marten;
using Wolverine;

namespace Governance.Features.Demo;

/// <summary>`dotnet run -- seed-demo`: writes the demo foundation into the configured database, on request only.</summary>
[Description("Seed the demo foundation (accounts and history) into the configured database", Name = "seed-demo")]
public sealed class SeedDemoCommand : JasperFxAsyncCommand<NetCoreInput>
{
    public override async Task<bool> Execute(NetCoreInput input)
    {
        using var host = input.BuildHost();
        await host.StartAsync();
        await using var scope = host.Services.CreateAsyncScope();
        var seeded = await DemoFoundation.SeedAsync(
            host.Services.GetRequiredService<IDocumentStore>(), scope.ServiceProvider.GetRequiredService<IMessageBus>(),
            host.Services.GetRequiredService<ProjectRules>(), CancellationToken.None);
        Console.WriteLine(seeded ? "Seeded the demo foundation." : "This database already has accounts; nothing seeded.");
        await host.StopAsync();
        return true;
    }
}
