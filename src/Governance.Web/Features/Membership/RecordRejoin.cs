using Governance.Platform;
using Governance.Platform.Accounts;
using Marten;
using Wolverine;

namespace Governance.Features.Membership;

/// <summary>An organization that left, or whose membership lapsed, joins again: a new membership, the gap kept.</summary>
public sealed record RecordRejoin(Guid OrganizationId, long ExpectedVersion, string MemberClass, DateOnly EffectiveDate, string? Reason)
    : IStaffCommand, IOrganizationCommand;

public static class RecordRejoinHandler
{
    public static MemberRejoined Decide(Organization organization, RecordRejoin command, MembershipRules rules, DateOnly today)
    {
        if (organization.IsMember) throw new CommandRefused($"{organization.Name} is already a member; an organization has one membership at a time.");
        var memberClass = rules.ClassNamed(command.MemberClass)
                          ?? throw new CommandRefused($"\"{command.MemberClass}\" is not a membership class; choose one of {string.Join(", ", rules.Classes)}.");
        var reason = OrganizationStream.CheckEffectiveDate(command.EffectiveDate, command.Reason, today, rules);
        if (organization.LeftOn is { } left && command.EffectiveDate < left)
            throw new CommandRefused("A rejoin cannot take effect before the organization left.");
        return new MemberRejoined(organization.Id, memberClass, command.EffectiveDate, command.EffectiveDate.AddMonths(rules.TermMonths), reason);
    }

    public static async Task Handle(RecordRejoin command, IDocumentSession session, IMessageBus bus, MembershipRules rules, TimeProvider clock)
    {
        var stream = await OrganizationStream.FetchForChangeAsync(session, command);
        var rejoined = Decide(stream.Aggregate!, command, rules, OrganizationStream.Today(clock));
        stream.AppendOne(rejoined);
        await OrganizationStream.ScheduleLapseCheckAsync(bus, command.OrganizationId, rejoined.TermEnd);
    }
}
