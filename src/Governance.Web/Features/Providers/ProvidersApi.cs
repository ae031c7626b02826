using System.Security.Claims;
using Governance.Features.Publishing;
using Governance.Platform;
using Governance.Platform.Accounts;
using Marten;
using Wolverine;

namespace Governance.Features.Providers;

public static class ProvidersApi
{
    /// <summary>What the public may see of an approved provider: never its engineers or certificate ids.</summary>
    public sealed record PublicProvider(string Name, string Program, string? Website, string? Country, IReadOnlyList<string> Services, DateOnly Since);

    public static async Task<IReadOnlyList<PublicProvider>> ApprovedAsync(IQuerySession session, ProviderPrograms programs, string? program, string? country,
        string? service, CancellationToken cancellation)
    {
        var approved = await session.Query<ProviderApplication>().Where(a => a.State == ProviderState.Approved).OrderBy(a => a.OrganizationName).ToListAsync(cancellation);
        return approved
            .Where(a => string.IsNullOrWhiteSpace(program) || string.Equals(a.Program, program.Trim(), StringComparison.OrdinalIgnoreCase))
            .Where(a => string.IsNullOrWhiteSpace(country) || string.Equals(a.Country, country.Trim(), StringComparison.OrdinalIgnoreCase))
            .Where(a => string.IsNullOrWhiteSpace(service) || a.Services.Any(s => s.Contains(service.Trim(), StringComparison.OrdinalIgnoreCase)))
            .Select(a => new PublicProvider(a.OrganizationName, programs.Named(a.Program)?.Name ?? a.Program, a.Website, a.Country, a.Services, a.ApprovedOn!.Value))
            .ToList();
    }

    /// <summary>Certificate ids this application shares with another company's open or approved application: flagged for staff.</summary>
    public static async Task<IReadOnlyList<(string CertificateId, string OtherCompany)>> SharedCertificatesAsync(IQuerySession session, ProviderApplication application,
        CancellationToken cancellation = default)
    {
        var others = await session.Query<ProviderApplication>()
            .Where(a => a.OrganizationId != application.OrganizationId
                        && (a.State == ProviderState.Submitted || a.State == ProviderState.NeedInfo || a.State == ProviderState.Approved))
            .ToListAsync(cancellation);
        var mine = application.Engineers.Select(e => e.CertificateId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return others.SelectMany(o => o.Engineers.Where(e => mine.Contains(e.CertificateId)).Select(e => (e.CertificateId, o.OrganizationName))).Distinct().ToList();
    }

    public static void MapProvidersApi(this WebApplication app)
    {
        app.MapGet("/api/public/providers", async (string? program, string? country, string? service, HttpContext http, IQuerySession session,
                    ProviderPrograms programs, CancellationToken cancellation) =>
                PublicApi.Cacheable(http, await ApprovedAsync(session, programs, program, country, service, cancellation)))
            .AllowAnonymous().WithTags("Public").Produces<PublicProvider[]>()
            .WithSummary("Approved providers by program; filter by program key, country or service");

        var staff = app.MapGroup("/api/providers").RequireAuthorization(Roles.Staff).WithTags("Providers");
        staff.MapGet("/applications", async (IQuerySession session, CancellationToken cancellation) =>
                await session.Query<ProviderApplication>().OrderBy(a => a.Submitted).ToListAsync(cancellation))
            .WithSummary("Every application with its evidence, reviews and state");
        staff.MapGet("/applications/{id:guid}", async (Guid id, IQuerySession session, CancellationToken cancellation) =>
                await session.LoadAsync<ProviderApplication>(id, cancellation) is { } application
                    ? Results.Ok(new
                    {
                        application,
                        SharedCertificates = (await SharedCertificatesAsync(session, application, cancellation)).Select(s => new { s.CertificateId, s.OtherCompany }),
                        Timeline = (await session.Events.FetchStreamAsync(id, token: cancellation)).Select(e => new { e.Timestamp, Type = e.EventTypeName, e.Data, e.UserName }),
                    })
                    : Results.NotFound())
            .WithSummary("One application, the certificates it shares with other companies, and its timeline");
        staff.MapPost("/applications", (ApplyToProgram command, IMessageBus bus, ClaimsPrincipal user) =>
                Api.SendAsync<Guid>(bus, user, command, id => Results.Created($"/api/providers/applications/{id}", new { id })))
            .WithSummary("Record a member company's application to a program");
        Change<ReviewRequirement>("reviews", "Review one requirement as met or not");
        Change<RequestProviderInformation>("information-requests", "Ask the company for more information");
        Change<UpdateProviderEvidence>("evidence", "Record the company's updated evidence (engineers and certificates, links, offering)");
        Change<ApproveProvider>("approval", "Approve: every requirement met, enough valid certificates, still a member");
        Change<DeclineProvider>("decline", "Decline, with the reason");

        void Change<T>(string path, string summary) where T : IProviderCommand =>
            staff.MapChange<T>("/applications", path, summary, command => command.ApplicationId, "application");
    }
}
