using Governance.Platform;
using Governance.Platform.Accounts;
using Marten;
using Wolverine;

namespace Governance.Features.Membership;

public sealed record RenewMembership(Guid OrganizationId, long ExpectedVersion, DateOnly EffectiveDate, string? Reason)
    : IStaffCommand, IOrganizationCommand;

public static class RenewMembershipHandler
{
    /// <summary>
    /// A renewal effective before the grace month ends continues the term; one after it starts a new term on the
    /// effective date, leaving the gap in the history (a renewal is never an upgrade, and never hides a lapse).
    /// </summary>
    public static MembershipRenewed Decide(Organization organization, RenewMembership command, MembershipRules rules, DateOnly today)
    {
        if (organization.MemberClass is null) throw new CommandRefused($"{organization.Name} has never joined; record a join instead.");
        if (organization.LeftOn is not null) throw new CommandRefused($"{organization.Name} has left; record a rejoin instead.");
        var reason = OrganizationStream.CheckEffectiveDate(command.EffectiveDate, command.Reason, today, rules);
        var termEnd = organization.TermEnd!.Value;
        var afterLapse = command.EffectiveDate > termEnd.AddMonths(Organization.GraceMonths);
        var start = afterLapse ? command.EffectiveDate : termEnd;
        return new MembershipRenewed(organization.Id, organization.MemberClass, start, start.AddMonths(rules.TermMonths), afterLapse, command.EffectiveDate, reason);
    }

    public static async Task Handle(RenewMembership command, IDocumentSession session, IMessageBus bus, MembershipRules rules, TimeProvider clock)
    {
        var stream = await OrganizationStream.FetchForChangeAsync(session, command);
        var renewed = Decide(stream.Aggregate!, command, rules, OrganizationStream.Today(clock));
        stream.AppendOne(renewed);
        await OrganizationStream.ScheduleLapseCheckAsync(bus, command.OrganizationId, renewed.TermEnd);
    }
}
