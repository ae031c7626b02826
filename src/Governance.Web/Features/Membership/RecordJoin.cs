using Governance.Platform;
using Governance.Platform.Accounts;
using Marten;

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

        var website = string.IsNullOrWhiteSpace(command.Website) ? null : command.Website.Trim();
        if (website is not null && !(Uri.TryCreate(website, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            throw new CommandRefused("The website must be an http or https address.");

        var memberClass = rules.ClassNamed(command.MemberClass)
            ?? throw new CommandRefused($"\"{command.MemberClass}\" is not a membership class; choose one of {string.Join(", ", rules.Classes)}.");

        var reason = string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim();
        if (command.EffectiveDate > today.AddDays(rules.MaxDaysAhead))
            throw new CommandRefused($"The effective date is more than {rules.MaxDaysAhead} days ahead.");
        if (command.EffectiveDate < today && reason is null)
            throw new CommandRefused("A join effective in the past needs a reason.");

        return
        [
            new OrganizationRegistered(newId, name, website),
            new MemberJoined(newId, memberClass, command.EffectiveDate, command.EffectiveDate.AddMonths(rules.TermMonths), reason),
        ];
    }

    public static async Task<Guid> Handle(RecordJoin command, IDocumentSession session, MembershipRules rules, TimeProvider clock)
    {
        var normalized = MembershipRules.NormalizeName(command.OrganizationName ?? "");
        var nameTaken = await session.Query<MemberDirectoryRow>().AnyAsync(row => row.NormalizedName == normalized);
        var id = Guid.CreateVersion7();
        session.Events.StartStream(id, Decide(command, id, nameTaken, rules, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)));
        return id;
    }
}
