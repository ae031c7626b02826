using Governance.Platform;
using Governance.Platform.Accounts;
using Marten;

namespace Governance.Features.Membership;

public sealed record ChangeTier(Guid OrganizationId, long ExpectedVersion, string MemberClass, DateOnly EffectiveDate, string? Reason)
    : IStaffCommand, IOrganizationCommand;

public static class ChangeTierHandler
{
    public static TierChanged Decide(Organization organization, ChangeTier command, MembershipRules rules, DateOnly today)
    {
        if (!organization.IsMember) throw new CommandRefused($"{organization.Name} is not a member, so its tier cannot change.");
        var to = rules.ClassNamed(command.MemberClass)
                 ?? throw new CommandRefused($"\"{command.MemberClass}\" is not a membership class; choose one of {string.Join(", ", rules.Classes)}.");
        if (to == organization.MemberClass) throw new CommandRefused($"{organization.Name} is already a {to} member.");
        var reason = OrganizationStream.CheckEffectiveDate(command.EffectiveDate, command.Reason, today, rules);
        // Classes are configured highest first (Platinum, Gold, Silver, ...): moving up the list is an upgrade.
        var direction = rules.Classes.IndexOf(to) < rules.Classes.IndexOf(organization.MemberClass!) ? TierDirection.Upgrade : TierDirection.Downgrade;
        return new TierChanged(organization.Id, organization.MemberClass!, to, direction, command.EffectiveDate, reason);
    }

    public static async Task Handle(ChangeTier command, IDocumentSession session, MembershipRules rules, TimeProvider clock)
    {
        var stream = await OrganizationStream.FetchForChangeAsync(session, command);
        stream.AppendOne(Decide(stream.Aggregate!, command, rules, OrganizationStream.Today(clock)));
    }
}
