using Governance.Platform;
using JasperFx.Events;
using Marten;
using Wolverine;

namespace Governance.Features.Membership;

/// <summary>A command that changes an existing organization, made against the version the person saw.</summary>
public interface IOrganizationCommand
{
    Guid OrganizationId { get; }
    long ExpectedVersion { get; }
}

/// <summary>What every organization command shares: loading the stream for a change, the date rule, the lapse check.</summary>
public static class OrganizationStream
{
    /// <summary>The organization's stream for appending, as the person saw it (see <see cref="VersionedStream"/>).</summary>
    public static Task<IEventStream<Organization>> FetchForChangeAsync(IDocumentSession session, IOrganizationCommand command) =>
        VersionedStream.FetchForChangeAsync<Organization>(session, command.OrganizationId, command.ExpectedVersion, "There is no such organization.");

    /// <summary>Effective dates: back-dating needs a reason; more than the configured days ahead is refused.</summary>
    public static string? CheckEffectiveDate(DateOnly effective, string? reason, DateOnly today, MembershipRules rules)
    {
        var trimmed = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (effective > today.AddDays(rules.MaxDaysAhead))
            throw new CommandRefused($"The effective date is more than {rules.MaxDaysAhead} days ahead.");
        if (effective < today && trimmed is null)
            throw new CommandRefused("A change effective in the past needs a reason.");
        return trimmed;
    }

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>Schedules the check that records a lapse if this term and its grace month end unrenewed.</summary>
    public static ValueTask ScheduleLapseCheckAsync(IMessageBus bus, Guid organizationId, DateOnly termEnd) =>
        bus.ScheduleAsync(new CheckLapse(organizationId, termEnd),
            new DateTimeOffset(CheckLapseHandler.LapsesOn(termEnd).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
}
