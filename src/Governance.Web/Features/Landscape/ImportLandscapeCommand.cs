using System.Diagnostics;
using Governance.Features.Membership;
using Governance.Features.Projects;
using Governance.Features.Providers;
using JasperFx.CommandLine;
using Marten;
using Wolverine;

namespace Governance.Features.Landscape;

public sealed class ImportLandscapeInput : NetCoreInput
{
    [Description("Path of the landscape.yml to import")]
    public string File { get; set; } = "";

    [Description("Report what would change without recording anything")]
    public bool DryRunFlag { get; set; }
}

/// <summary>`dotnet run -- import-landscape landscape.yml [--dry-run]`: the staff import, from the command line.</summary>
[Description("Import projects and members from a landscape.yml (idempotent)", Name = "import-landscape")]
public sealed class ImportLandscapeCommand : JasperFxAsyncCommand<ImportLandscapeInput>
{
    public override async Task<bool> Execute(ImportLandscapeInput input)
    {
        if (!System.IO.File.Exists(input.File))
        {
            Console.Error.WriteLine($"No file at {Path.GetFullPath(input.File)}.");
            return false;
        }
        using var host = input.BuildHost();
        await host.StartAsync();
        var watch = Stopwatch.StartNew();
        var file = LandscapeImport.Parse(await System.IO.File.ReadAllTextAsync(input.File));
        await using var scope = host.Services.CreateAsyncScope();
        await using var session = host.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        session.LastModifiedBy = "landscape.yml import (command line)";
        var report = await LandscapeImport.ApplyAsync(session, scope.ServiceProvider.GetRequiredService<IMessageBus>(), file, input.DryRunFlag,
            host.Services.GetRequiredService<ProjectRules>(), host.Services.GetRequiredService<MembershipRules>(), host.Services.GetRequiredService<ProviderPrograms>(),
            DateOnly.FromDateTime(DateTime.UtcNow));
        await session.SaveChangesAsync();
        foreach (var line in report.Lines.Where(l => l.Outcome == ImportOutcome.Error)) Console.WriteLine($"  {line.Kind} \"{line.Item}\": {line.Detail}");
        Console.WriteLine($"{(report.DryRun ? "Dry run: would add" : "Added")} {report.Count(ImportOutcome.Added)}, changed {report.Count(ImportOutcome.Changed)}, " +
                          $"left {report.Count(ImportOutcome.Unchanged)} unchanged, {report.Count(ImportOutcome.Error)} errors; {report.EventsAppended} events in {watch.Elapsed.TotalSeconds:0.0} s.");
        await host.StopAsync();
        return report.Count(ImportOutcome.Error) == 0;
    }
}
