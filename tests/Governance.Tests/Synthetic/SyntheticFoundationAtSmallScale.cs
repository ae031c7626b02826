using Governance.Features.Audit;
using Governance.Features.Membership;
using Governance.Features.Projects;
using Governance.Features.Toc;
using Governance.Testing;
using Marten;
using Xunit;

namespace Governance.Tests.Synthetic;

/// <summary>The benchmark's generator at a small scale: its events rebuild into the portal's real read models and pages.</summary>
public class SyntheticFoundationAtSmallScale
{
    [Fact]
    public async Task Generated_history_rebuilds_into_the_portals_read_models_and_serves_its_pages()
    {
        var connectionString = await TestDatabase.CreateAsync("synthetic");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var generated = await SyntheticFoundation.WriteAsync(connectionString, Scale.Small, today);

        await using var app = GovernanceApp.On(connectionString);
        await ((IAsyncLifetime)app).InitializeAsync();
        await using var session = app.Store.QuerySession();
        Assert.Equal(Scale.Small.Organizations, await session.Query<Organization>().CountAsync());
        Assert.Equal(Scale.Small.Projects, await session.Query<Project>().CountAsync());
        Assert.Equal(Scale.Small.Votes, await session.Query<Vote>().CountAsync(v => v.Outcome != null));
        Assert.Equal(generated.Events, await session.Query<AuditEntry>().CountAsync());
        var members = (await session.Query<Organization>().ToListAsync()).Where(o => o.IsMember).ToList();
        Assert.True(members.Count(o => o.MemberClass == "Silver") > members.Count / 2, "most members are Silver");
        Assert.Contains((await session.LoadAsync<TocRoster>(TocRoster.StreamId))!.Seats, s => s.SeatedOn(today));

        // The membership spans, rebuilt batch by batch, end where the inline organization projection stands.
        static string Standing(MembershipStanding o) => $"{o.Name} {o.MemberClass} {o.JoinedOn} {o.TermEnd} {o.LeftOn} {o.Lapsed}";
        var latest = await session.Query<MembershipSpan>().On(today.AddYears(10)).ToListAsync();
        var joined = (await session.Query<Organization>().ToListAsync()).Where(o => o.MemberClass is not null).ToList();
        Assert.Equal(joined.Select(Standing).Order(), latest.Select(Standing).Order());

        var staff = await app.ClientAsync(GovernanceApp.Staff);
        Assert.Contains("Synthetic Organization", await staff.GetStringAsync("/api/membership/organizations"));
        Assert.Contains("Synthetic Project", await (await app.ClientAsync(null)).GetStringAsync("/projects"));
    }
}
