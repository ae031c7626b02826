using Governance.Features.Membership;
using Governance.Platform;
using Governance.Platform.Accounts;
using Marten;
using Wolverine;
using Wolverine.Attributes;

namespace Governance.Features.Providers;

/// <summary>Staff record a member company's application with its evidence (companies have no accounts of their own).</summary>
public sealed record ApplyToProgram(string Program, Guid OrganizationId, string? Country, IReadOnlyList<string>? Services,
    IReadOnlyList<CertifiedEngineer>? Engineers, IReadOnlyList<string>? ContributionLinks, string SupportOffering) : IStaffCommand;

public interface IProviderCommand
{
    Guid ApplicationId { get; }
    long ExpectedVersion { get; }
}

public sealed record ReviewRequirement(Guid ApplicationId, long ExpectedVersion, string Requirement, bool Met, string? Note) : IStaffCommand, IProviderCommand;
public sealed record RequestProviderInformation(Guid ApplicationId, long ExpectedVersion, string Question) : IStaffCommand, IProviderCommand;
public sealed record UpdateProviderEvidence(Guid ApplicationId, long ExpectedVersion, IReadOnlyList<CertifiedEngineer>? Engineers,
    IReadOnlyList<string>? ContributionLinks, string SupportOffering, string? Answer) : IStaffCommand, IProviderCommand;
public sealed record ApproveProvider(Guid ApplicationId, long ExpectedVersion) : IStaffCommand, IProviderCommand;
public sealed record DeclineProvider(Guid ApplicationId, long ExpectedVersion, string Reason) : IStaffCommand, IProviderCommand;

/// <summary>Scheduled: warns before and records a lapse when certificates fall below the minimum or membership ends.</summary>
public sealed record CheckProviderStanding(Guid ApplicationId);

[WolverineHandler]
public static class ProviderRules
{
    public static ProviderApplicationSubmitted Decide(ApplyToProgram c, Guid id, Organization? organization, bool alreadyApplied, ProviderPrograms programs, DateOnly today)
    {
        var program = programs.Named(c.Program) ?? throw new CommandRefused($"\"{c.Program}\" is not a program; choose one of {string.Join(", ", programs.Programs.Select(p => p.Key))}.");
        if (organization is null) throw new CommandRefused("There is no such organization.");
        if (!organization.IsMember) throw new CommandRefused($"{organization.Name} is not a foundation member; only members may apply to the {program.Name} program.");
        if (alreadyApplied) throw new CommandRefused($"{organization.Name} already has an open or approved application to the {program.Name} program.");
        var (engineers, links, support) = Evidence(c.Engineers, c.ContributionLinks, c.SupportOffering);
        return new ProviderApplicationSubmitted(id, program.Key, organization.Id, organization.Name, organization.Website,
            string.IsNullOrWhiteSpace(c.Country) ? organization.Country : c.Country.Trim(),
            (c.Services ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct().ToList(), engineers, links, support);
    }

    static (IReadOnlyList<CertifiedEngineer>, IReadOnlyList<string>, string) Evidence(IReadOnlyList<CertifiedEngineer>? engineers, IReadOnlyList<string>? links, string? support)
    {
        var listed = (engineers ?? []).Select(e => new CertifiedEngineer(CommandRefused.Required(e.Name, "each engineer's name"), CommandRefused.Required(e.CertificateId, "each certificate id"), e.Expires)).ToList();
        if (listed.GroupBy(e => e.CertificateId, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new CommandRefused($"Certificate {twice.Key} is listed twice.");
        var checkedLinks = (links ?? []).Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => ChangeOrganizationDetailsHandler.WebAddress(l, "contribution link")!).ToList();
        return (listed, checkedLinks, CommandRefused.Required(support, "the support offering"));
    }


    public static ProviderRequirementReviewed Decide(ProviderApplication a, ReviewRequirement c, ProviderProgram program)
    {
        Open(a);
        var requirement = program.Requirements.FirstOrDefault(r => r.Key == c.Requirement) ?? throw new CommandRefused($"\"{c.Requirement}\" is not a requirement of {program.Name}.");
        return new(a.Id, requirement.Key, c.Met, string.IsNullOrWhiteSpace(c.Note) ? null : c.Note.Trim());
    }

    public static ProviderInformationRequested Decide(ProviderApplication a, RequestProviderInformation c) =>
        new(Open(a).Id, CommandRefused.Required(c.Question, "the question for the company"));

    public static ProviderEvidenceUpdated Decide(ProviderApplication a, UpdateProviderEvidence c)
    {
        if (a.State is ProviderState.Declined or ProviderState.Lapsed) throw new CommandRefused($"This application is {a.State}; the company applies again instead.");
        var (engineers, links, support) = Evidence(c.Engineers, c.ContributionLinks, c.SupportOffering);
        return new(a.Id, engineers, links, support, string.IsNullOrWhiteSpace(c.Answer) ? null : c.Answer.Trim());
    }

    /// <summary>Every requirement reviewed as met, enough valid certificates today, and still a member.</summary>
    public static ProviderApproved Decide(ProviderApplication a, ApproveProvider c, ProviderProgram program, Organization? organization, DateOnly today)
    {
        Open(a);
        if (organization?.IsMember != true) throw new CommandRefused($"{a.OrganizationName} is no longer a foundation member.");
        var valid = a.ValidCertificatesOn(today);
        if (valid < program.MinimumCertified)
            throw new CommandRefused($"{a.OrganizationName} has {valid} valid {program.Certification} certificates; {program.Name} needs {program.MinimumCertified}.");
        var unmet = program.Requirements.Where(r => a.Reviews.FirstOrDefault(x => x.Key == r.Key) is not { Met: true }).Select(r => r.Text).ToList();
        if (unmet.Count > 0) throw new CommandRefused($"Not yet reviewed as met: {string.Join("; ", unmet)}.");
        return new(a.Id, today, null);
    }

    public static ProviderDeclined Decide(ProviderApplication a, DeclineProvider c) => new(Open(a).Id, CommandRefused.Required(c.Reason, "the reason, which the company will read"));

    static ProviderApplication Open(ProviderApplication a) =>
        a.IsOpen ? a : throw new CommandRefused($"This application is {a.State}; it is no longer under review.");

    /// <summary>
    /// An approved provider's standing today: a lapse when its membership ended or its valid certificates fell below
    /// the minimum; otherwise a warning (once) when either happens within the warning days. Returns the events and
    /// when to look again.
    /// </summary>
    public static (IReadOnlyList<object> Events, DateOnly? NextCheck) Standing(ProviderApplication a, ProviderProgram program, Organization? organization,
        DateOnly today, int warningDays)
    {
        if (a.State != ProviderState.Approved) return ([], null);
        if (organization?.IsMember != true)
            return ([new ProviderLapsed(a.Id, today, $"{a.OrganizationName} is no longer a foundation member")], null);
        if (a.ValidCertificatesOn(today) < program.MinimumCertified)
            return ([new ProviderLapsed(a.Id, today, $"Fewer than {program.MinimumCertified} valid {program.Certification} certificates")], null);

        // What could end the approval next: the first day certificates fall below the minimum, or the membership
        // term (and its grace month) ending unrenewed.
        var certificatesFail = a.Engineers.Select(e => e.Expires.AddDays(1)).Where(d => d > today).Order().Cast<DateOnly?>()
            .FirstOrDefault(d => a.ValidCertificatesOn(d!.Value) < program.MinimumCertified);
        var threats = new (DateOnly? On, string Why)[]
            {
                (certificatesFail, $"Certificates expire: fewer than {program.MinimumCertified} valid {program.Certification} certificates from {certificatesFail:yyyy-MM-dd}"),
                (organization.TermEnd?.AddMonths(Organization.GraceMonths).AddDays(1), $"The membership term ends on {organization.TermEnd:yyyy-MM-dd} and must be renewed"),
            }
            .Where(t => t.On is not null).OrderBy(t => t.On).ToList();
        if (threats.Count == 0) return ([], today.AddDays(warningDays));
        var (lapsesOn, reason) = (threats[0].On!.Value, threats[0].Why);
        var warnFrom = lapsesOn.AddDays(-warningDays);
        if (today >= warnFrom && a.LapseWarnedFor != lapsesOn)
            return ([new ProviderLapseWarned(a.Id, lapsesOn, reason)], lapsesOn);
        return ([], today >= warnFrom ? lapsesOn : warnFrom);
    }

    public static async Task<Guid> Handle(ApplyToProgram c, IDocumentSession session, IMessageBus bus, ProviderPrograms programs, TimeProvider clock)
    {
        var organization = await session.LoadAsync<Organization>(c.OrganizationId);
        var program = programs.Named(c.Program)?.Key;
        var already = await session.Query<ProviderApplication>().AnyAsync(a => a.OrganizationId == c.OrganizationId && a.Program == program
            && (a.State == ProviderState.Submitted || a.State == ProviderState.NeedInfo || a.State == ProviderState.Approved));
        var id = Guid.CreateVersion7();
        session.Events.StartStream<ProviderApplication>(id, Decide(c, id, organization, already, programs, Today(clock)));
        return id;
    }

    public static Task Handle(ReviewRequirement c, IDocumentSession s, ProviderPrograms programs) => ChangeAsync(s, c, a => Decide(a, c, programs.Named(a.Program)!));
    public static Task Handle(RequestProviderInformation c, IDocumentSession s) => ChangeAsync(s, c, a => Decide(a, c));
    public static Task Handle(UpdateProviderEvidence c, IDocumentSession s) => ChangeAsync(s, c, a => Decide(a, c));
    public static Task Handle(DeclineProvider c, IDocumentSession s) => ChangeAsync(s, c, a => Decide(a, c));

    public static async Task Handle(ApproveProvider c, IDocumentSession s, IMessageBus bus, ProviderPrograms programs, TimeProvider clock)
    {
        var stream = await FetchForChangeAsync(s, c);
        var organization = await s.LoadAsync<Organization>(stream.Aggregate!.OrganizationId);
        stream.AppendOne(Decide(stream.Aggregate, c, programs.Named(stream.Aggregate.Program)!, organization, Today(clock)));
        await bus.ScheduleAsync(new CheckProviderStanding(c.ApplicationId), clock.GetUtcNow().AddMinutes(1));
    }

    public static async Task Handle(CheckProviderStanding c, IDocumentSession s, IMessageBus bus, ProviderPrograms programs, TimeProvider clock)
    {
        var stream = await s.Events.FetchForWriting<ProviderApplication>(c.ApplicationId);
        if (stream.Aggregate is not { } application) return;
        var organization = await s.LoadAsync<Organization>(application.OrganizationId);
        s.LastModifiedBy = "Scheduled provider check";
        var (events, next) = Standing(application, programs.Named(application.Program)!, organization, Today(clock), programs.WarningDays);
        stream.AppendMany(events);
        // Look again at the next date that matters, and at least monthly, since a membership can end at any time.
        if (next is { } day)
            await bus.ScheduleAsync(new CheckProviderStanding(c.ApplicationId),
                new DateTimeOffset(Clamp(day, Today(clock).AddDays(1), Today(clock).AddDays(30)).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
    }

    static DateOnly Clamp(DateOnly day, DateOnly earliest, DateOnly latest) => day < earliest ? earliest : day > latest ? latest : day;

    static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    static Task<JasperFx.Events.IEventStream<ProviderApplication>> FetchForChangeAsync(IDocumentSession session, IProviderCommand command) =>
        VersionedStream.FetchForChangeAsync<ProviderApplication>(session, command.ApplicationId, command.ExpectedVersion, "There is no such application.");

    static async Task ChangeAsync(IDocumentSession session, IProviderCommand command, Func<ProviderApplication, object> decide)
    {
        var stream = await FetchForChangeAsync(session, command);
        stream.AppendOne(decide(stream.Aggregate!));
    }
}
