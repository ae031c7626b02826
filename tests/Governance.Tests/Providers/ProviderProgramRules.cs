using Governance.Features.Membership;
using Governance.Features.Providers;
using Governance.Platform;
using JasperFx.Events;

namespace Governance.Tests.Providers;

/// <summary>The KCSP-style program's rules and the lapse, as pure decisions over the real projection.</summary>
public class ProviderProgramRules
{
    static readonly DateOnly Today = new(2026, 11, 24);
    static readonly ProviderPrograms Programs = new();
    static readonly ProviderProgram Kcsp = Programs.Named("kcsp")!;

    static Organization Member(DateOnly? termEnd = null) => new()
    {
        Id = Guid.NewGuid(), Name = "Acme Cloud", MemberClass = "Silver", JoinedOn = Today.AddYears(-2), TermEnd = termEnd ?? Today.AddMonths(8),
    };

    static CertifiedEngineer Engineer(int i, DateOnly expires) => new($"Engineer {i}", $"LF-CKA-{i:D4}", expires);

    static ApplyToProgram Application(Organization o, params CertifiedEngineer[] engineers) =>
        new("kcsp", o.Id, "DE", ["Consulting", "Support"], engineers, ["https://github.com/kubernetes/kubernetes/pulls?q=author%3Aacme"], "24/7 enterprise support, engineers on site");

    static ProviderApplication Replay(params object[] events)
    {
        var projection = new ProviderApplicationProjection();
        ProviderApplication? application = null;
        foreach (var (data, i) in events.Select((e, i) => (e, i)))
        {
            var e = Event.For(data);
            e.Timestamp = new DateTimeOffset(Today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            e.Version = i + 1;
            application = projection.ApplyMetadata(projection.Evolve(application, Guid.Empty, e), e);
        }
        return application!;
    }

    static void Refused(Action decide, string reason) => Assert.Contains(reason, Assert.Throws<CommandRefused>(decide).Message);

    static ProviderApplication Submitted(Organization o, params CertifiedEngineer[] engineers) =>
        Replay(ProviderRules.Decide(Application(o, engineers), Guid.NewGuid(), o, false, Programs, Today));

    static ProviderApplication Reviewed(ProviderApplication a) =>
        Kcsp.Requirements.Aggregate(a, (x, r) => Replay([.. Events(x), ProviderRules.Decide(x, new ReviewRequirement(x.Id, x.Version, r.Key, true, null), Kcsp)]));

    // Rebuilds the events of an application from its state: enough for these pure tests.
    static object[] Events(ProviderApplication a) =>
    [
        new ProviderApplicationSubmitted(a.Id, a.Program, a.OrganizationId, a.OrganizationName, a.Website, a.Country, a.Services, a.Engineers, a.ContributionLinks, a.SupportOffering),
        .. a.Reviews.Select(r => new ProviderRequirementReviewed(a.Id, r.Key, r.Met, r.Note)),
    ];

    [Fact]
    public void A_company_that_is_not_a_member_is_refused()
    {
        var left = Member();
        left.LeftOn = Today.AddDays(-1);
        Refused(() => ProviderRules.Decide(Application(left), Guid.NewGuid(), left, false, Programs, Today), "is not a foundation member");
        Refused(() => ProviderRules.Decide(Application(Member()), Guid.NewGuid(), Member(), true, Programs, Today), "already has an open or approved application");
        Refused(() => ProviderRules.Decide(Application(Member()) with { Program = "gold-star" }, Guid.NewGuid(), Member(), false, Programs, Today), "is not a program");
        Refused(() => ProviderRules.Decide(Application(Member(), Engineer(1, Today.AddYears(1)), Engineer(1, Today.AddYears(2))), Guid.NewGuid(), Member(), false, Programs, Today), "listed twice");
    }

    [Fact]
    public void Approval_needs_every_requirement_met_and_enough_valid_certificates()
    {
        var member = Member();
        var twoValid = Reviewed(Submitted(member, Engineer(1, Today.AddYears(1)), Engineer(2, Today.AddYears(1)), Engineer(3, Today.AddDays(-1))));
        Refused(() => ProviderRules.Decide(twoValid, new ApproveProvider(twoValid.Id, twoValid.Version), Kcsp, member, Today), "has 2 valid CKA certificates; Kubernetes Certified Service Provider needs 3");

        var unreviewed = Submitted(member, Engineer(1, Today.AddYears(1)), Engineer(2, Today.AddYears(1)), Engineer(3, Today.AddYears(1)));
        Refused(() => ProviderRules.Decide(unreviewed, new ApproveProvider(unreviewed.Id, unreviewed.Version), Kcsp, member, Today), "Not yet reviewed as met");

        var ready = Reviewed(unreviewed);
        var approved = ProviderRules.Decide(ready, new ApproveProvider(ready.Id, ready.Version), Kcsp, member, Today);
        Assert.Equal(Today, approved.EffectiveDate);
        var gone = Member();
        gone.LeftOn = Today;
        Refused(() => ProviderRules.Decide(ready, new ApproveProvider(ready.Id, ready.Version), Kcsp, gone, Today), "no longer a foundation member");
    }

    [Fact]
    public void An_approved_provider_is_warned_before_its_certificates_fall_below_the_minimum_and_lapses_when_they_do()
    {
        var member = Member(termEnd: Today.AddYears(1));
        var expiring = Today.AddDays(45);
        var ready = Reviewed(Submitted(member, Engineer(1, Today.AddYears(2)), Engineer(2, Today.AddYears(2)), Engineer(3, expiring)));
        var approved = Replay([.. Events(ready), ProviderRules.Decide(ready, new ApproveProvider(ready.Id, ready.Version), Kcsp, member, Today)]);

        var (quiet, next) = ProviderRules.Standing(approved, Kcsp, member, Today, warningDays: 30);
        Assert.Empty(quiet);
        Assert.Equal(expiring.AddDays(1 - 30), next);

        var warnDay = next!.Value;
        var (warning, lapseCheck) = ProviderRules.Standing(approved, Kcsp, member, warnDay, 30);
        var warned = Assert.IsType<ProviderLapseWarned>(Assert.Single(warning));
        Assert.Equal(expiring.AddDays(1), warned.LapsesOn);
        Assert.Equal(expiring.AddDays(1), lapseCheck);

        var noticed = Replay([.. Events(approved), new ProviderApproved(approved.Id, Today, null), warned]);
        Assert.Empty(ProviderRules.Standing(noticed, Kcsp, member, warnDay.AddDays(1), 30).Events); // warned once
        var lapsed = Assert.IsType<ProviderLapsed>(Assert.Single(ProviderRules.Standing(noticed, Kcsp, member, expiring.AddDays(1), 30).Events));
        Assert.Contains("Fewer than 3 valid CKA certificates", lapsed.Reason);
    }

    [Fact]
    public void An_approved_provider_lapses_when_its_membership_ends()
    {
        var member = Member();
        var ready = Reviewed(Submitted(member, Engineer(1, Today.AddYears(2)), Engineer(2, Today.AddYears(2)), Engineer(3, Today.AddYears(2))));
        var approved = Replay([.. Events(ready), ProviderRules.Decide(ready, new ApproveProvider(ready.Id, ready.Version), Kcsp, member, Today)]);
        member.LeftOn = Today;
        var lapsed = Assert.IsType<ProviderLapsed>(Assert.Single(ProviderRules.Standing(approved, Kcsp, member, Today, 30).Events));
        Assert.Contains("no longer a foundation member", lapsed.Reason);
    }
}
