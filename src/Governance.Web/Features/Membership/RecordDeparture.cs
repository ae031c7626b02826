using Governance.Platform;
using Governance.Platform.Accounts;
using Marten;

namespace Governance.Features.Membership;

/// <summary>An organization leaves the foundation; the reason is required, because "why did they leave" matters later.</summary>
public sealed record RecordDeparture(Guid OrganizationId, long ExpectedVersion, DateOnly EffectiveDate, string Reason)
    : IStaffCommand, IOrganizationCommand;

public static class RecordDepartureHandler
{
    public static MemberLeft Decide(Organization organization, RecordDeparture command, MembershipRules rules, DateOnly today)
    {
        if (organization.LeftOn is not null) throw new CommandRefused($"{organization.Name} has already left.");
        if (organization.MemberClass is null) throw new CommandRefused($"{organization.Name} is not a member.");
        if (string.IsNullOrWhiteSpace(command.Reason)) throw new CommandRefused("Say why the organization is leaving.");
        if (command.EffectiveDate < organization.JoinedOn) throw new CommandRefused("An organization cannot leave before it joined.");
        OrganizationStream.CheckEffectiveDate(command.EffectiveDate, command.Reason, today, rules);
        return new MemberLeft(organization.Id, organization.MemberClass, command.EffectiveDate, command.Reason.Trim());
    }

    public static async Task Handle(RecordDeparture command, IDocumentSession session, MembershipRules rules, TimeProvider clock)
    {
        var stream = await OrganizationStream.FetchForChangeAsync(session, command);
        stream.AppendOne(Decide(stream.Aggregate!, command, rules, OrganizationStream.Today(clock)));
    }
}
