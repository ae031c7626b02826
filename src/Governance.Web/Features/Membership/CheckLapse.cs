using Marten;

namespace Governance.Features.Membership;

/// <summary>Scheduled when a term starts or is extended; nobody sends it by hand.</summary>
public sealed record CheckLapse(Guid OrganizationId, DateOnly TermEnd);

public static class CheckLapseHandler
{
    /// <summary>The day after the grace month: the first day the membership is expired.</summary>
    public static DateOnly LapsesOn(DateOnly termEnd) => termEnd.AddMonths(Organization.GraceMonths).AddDays(1);

    /// <summary>Lapses only if this very term is still the current one: a renewal, rejoin or departure since then wins.</summary>
    public static IReadOnlyList<object> Decide(Organization? organization, CheckLapse check) =>
        organization is { IsMember: true } && organization.TermEnd == check.TermEnd
            ? [new MembershipLapsed(organization.Id, organization.MemberClass!, check.TermEnd, LapsesOn(check.TermEnd))]
            : [];

    public static async Task Handle(CheckLapse check, IDocumentSession session)
    {
        var stream = await session.Events.FetchForWriting<Organization>(check.OrganizationId);
        session.LastModifiedBy = "Scheduled lapse check";
        stream.AppendMany(Decide(stream.Aggregate, check));
    }
}
