using System.Net.Mail;
using Governance.Platform;
using Governance.Platform.Accounts;
using Marten;

namespace Governance.Features.Membership;

public sealed record ChangeContacts(Guid OrganizationId, long ExpectedVersion, Contact? Primary, Contact? Billing, Contact? BoardRepresentative)
    : IStaffCommand, IOrganizationCommand;

public static class ChangeContactsHandler
{
    public static ContactsChanged Decide(Organization organization, ChangeContacts command) =>
        new(organization.Id, Checked(command.Primary, "primary contact"), Checked(command.Billing, "billing contact"),
            Checked(command.BoardRepresentative, "board representative"));

    static Contact? Checked(Contact? contact, string role)
    {
        if (contact is null || (string.IsNullOrWhiteSpace(contact.Name) && string.IsNullOrWhiteSpace(contact.Email))) return null;
        if (string.IsNullOrWhiteSpace(contact.Name)) throw new CommandRefused($"Enter the {role}'s name.");
        if (!MailAddress.TryCreate(contact.Email?.Trim(), out _)) throw new CommandRefused($"The {role}'s e-mail address is not valid.");
        return new Contact(contact.Name.Trim(), contact.Email!.Trim());
    }

    public static async Task Handle(ChangeContacts command, IDocumentSession session)
    {
        var stream = await OrganizationStream.FetchForChangeAsync(session, command);
        stream.AppendOne(Decide(stream.Aggregate!, command));
    }
}
