using Governance.Platform;
using Governance.Platform.Accounts;
using Marten;
using Wolverine;

namespace Governance.Features.Membership;

/// <summary>Staff record that an organization joins the foundation at a class on an effective date.</summary>
public sealed record RecordJoin(string OrganizationName, string? Website, string MemberClass, DateOnly EffectiveDate, string? Reason)
    : IStaffCommand;

public static class RecordJoinHandler
{
    /// <summary>The rule: (command, what the directory knows, today) → the events, or a refusal.</summary>
    public static object[] Decide(RecordJoin command, Guid newId, bool nameTaken, MembershipRules rules, DateOnly today)
    {
        var name = command.OrganizationName?.Trim() ?? "";
        if (name.Length == 0) throw new CommandRefused("Enter the organization's name.");
        if (name.Length > 200) throw new CommandRefused("The organization's name is longer than 200 characters.");
        if (nameTaken) throw new CommandRefused($"An organization named \"{name}\" is already on record.");

        var website = ChangeOrganizationDetailsHandler.WebAddress(command.Website, "website");

        var memberClass = rules.ClassNamed(command.MemberClass)
            ?? throw new CommandRefused($"\"{command.MemberClass}\" is not a membership class; choose one of {string.Join(", ", rules.Classes)}.");

        var reason = OrganizationStream.CheckEffectiveDate(command.EffectiveDate, command.Reason, today, rules);

        return
        [
            new OrganizationRegistered(newId, name, website),
            new MemberJoined(newId, memberClass, command.EffectiveDate, command.EffectiveDate.AddMonths(rules.TermMonths), reason),
        ];
    }

    public static async Task<Guid> Handle(RecordJoin command, IDocumentSession session, IMessageBus bus, MembershipRules rules, TimeProvider clock)
    {
        var normalized = MembershipRules.NormalizeName(command.OrganizationName ?? "");
        var nameTaken = await session.Query<Organization>().AnyAsync(o => o.NormalizedName == normalized);
        var id = Guid.CreateVersion7();
        var events = Decide(command, id, nameTaken, rules, OrganizationStream.Today(clock));
        session.Events.StartStream(id, events);
        await OrganizationStream.ScheduleLapseCheckAsync(bus, id, events.OfType<MemberJoined>().Single().TermEnd);
        return id;
    }
}
