using Governance.Platform;
using Governance.Platform.Accounts;
using Marten;

namespace Governance.Features.Membership;

public sealed record ChangeOrganizationDetails(Guid OrganizationId, long ExpectedVersion, string Name, string? Website, string? Country, string? LogoUrl, bool IsEndUser)
    : IStaffCommand, IOrganizationCommand;

public static class ChangeOrganizationDetailsHandler
{
    public static OrganizationDetailsChanged Decide(Organization organization, ChangeOrganizationDetails command, bool nameTakenByAnother)
    {
        var name = command.Name?.Trim() ?? "";
        if (name.Length == 0) throw new CommandRefused("Enter the organization's name.");
        if (name.Length > 200) throw new CommandRefused("The organization's name is longer than 200 characters.");
        if (nameTakenByAnother) throw new CommandRefused($"Another organization named \"{name}\" is already on record.");
        var website = WebAddress(command.Website, "website");
        var logo = WebAddress(command.LogoUrl, "logo URL");
        var country = string.IsNullOrWhiteSpace(command.Country) ? null : command.Country.Trim();
        var changed = new OrganizationDetailsChanged(organization.Id, name, website, country, logo, command.IsEndUser);
        if ((organization.Name, organization.Website, organization.Country, organization.LogoUrl, organization.IsEndUser) == (name, website, country, logo, command.IsEndUser))
            throw new CommandRefused("Nothing changed.");
        return changed;
    }

    public static string? WebAddress(string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var trimmed = value.Trim();
        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? trimmed
            : throw new CommandRefused($"The {what} must be an http or https address.");
    }

    public static async Task Handle(ChangeOrganizationDetails command, IDocumentSession session)
    {
        var stream = await OrganizationStream.FetchForChangeAsync(session, command);
        var normalized = MembershipRules.NormalizeName(command.Name ?? "");
        var taken = await session.Query<Organization>().AnyAsync(o => o.NormalizedName == normalized && o.Id != command.OrganizationId);
        stream.AppendOne(Decide(stream.Aggregate!, command, taken));
    }
}
