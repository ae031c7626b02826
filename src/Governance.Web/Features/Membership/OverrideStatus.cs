using Governance.Platform;
using Governance.Platform.Accounts;
using Marten;

namespace Governance.Features.Membership;

/// <summary>Staff set a status by hand until a date (e.g. "Current" while a delayed payment is sorted out).</summary>
public sealed record OverrideStatus(Guid OrganizationId, long ExpectedVersion, MembershipStatus Status, DateOnly Until, string Reason)
    : IStaffCommand, IOrganizationCommand;

public static class OverrideStatusHandler
{
    public static MembershipStatusOverridden Decide(Organization organization, OverrideStatus command, DateOnly today)
    {
        if (organization.MemberClass is null) throw new CommandRefused($"{organization.Name} has never joined; there is no status to override.");
        if (command.Status == MembershipStatus.None) throw new CommandRefused("Choose the status to show.");
        if (command.Until < today) throw new CommandRefused("An override must last until today or later.");
        if (command.Until > today.AddYears(1)) throw new CommandRefused("An override may last at most a year.");
        if (string.IsNullOrWhiteSpace(command.Reason)) throw new CommandRefused("Say why the status is overridden.");
        return new MembershipStatusOverridden(organization.Id, command.Status, command.Until, command.Reason.Trim());
    }

    public static async Task Handle(OverrideStatus command, IDocumentSession session, TimeProvider clock)
    {
        var stream = await OrganizationStream.FetchForChangeAsync(session, command);
        stream.AppendOne(Decide(stream.Aggregate!, command, OrganizationStream.Today(clock)));
    }
}
