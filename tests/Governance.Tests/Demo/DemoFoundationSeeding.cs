using Governance.Features.Demo;
using Governance.Features.Projects;
using Governance.Features.Providers;
using Governance.Features.Toc;
using Governance.Platform.Accounts;
using Governance.Testing;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Governance.Tests.Demo;

/// <summary>The demo foundation is recorded through the real commands, so a broken rule would stop it seeding.</summary>
public class DemoFoundationSeeding(GovernanceApp app) : IClassFixture<GovernanceApp>
{
    [Fact]
    public async Task The_demo_has_projects_at_every_stage_a_queue_in_every_state_due_diligence_and_open_and_closed_votes()
    {
        await using (var session = app.Store.LightweightSession())
        {
            session.DeleteWhere<Account>(_ => true); // the fixture's accounts; the demo brings its own
            await session.SaveChangesAsync();
        }
        await using var scope = app.Services.CreateAsyncScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        var rules = app.Services.GetRequiredService<ProjectRules>();
        Assert.True(await DemoFoundation.SeedAsync(app.Store, bus, rules, default));

        await using var query = app.Store.QuerySession();
        var projects = await query.Query<Project>().ToListAsync();
        Assert.All(Enum.GetValues<ProjectStage>(), stage => Assert.Contains(projects, p => p.Stage == stage));
        Assert.Superset(new HashSet<ApplicationState?> { ApplicationState.New, ApplicationState.NeedInfo, ApplicationState.Upcoming, ApplicationState.Returning,
            ApplicationState.Postponed, ApplicationState.Approved }, projects.Select(p => p.Application).ToHashSet());
        Assert.Contains(projects, p => p.Level is { Sponsors.Count: 2, InternalCommentOpens: not null });
        var votes = await query.Query<Vote>().ToListAsync();
        Assert.Contains(votes, v => v.IsOpen);
        Assert.Contains(votes, v => v.Outcome == VoteOutcome.Passed);
        Assert.Contains(votes, v => v.Outcome == VoteOutcome.Failed);
        var providers = await query.Query<ProviderApplication>().ToListAsync();
        Assert.Equal(2, providers.Count(p => p.State == ProviderState.Approved));
        Assert.Contains(providers, p => p.State == ProviderState.Submitted);
        Assert.False(await DemoFoundation.SeedAsync(app.Store, bus, rules, default));
    }
}
