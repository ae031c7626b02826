using System.Security.Claims;
using Marten;
using Wolverine;

namespace Governance.Platform.Accounts;

/// <summary>
/// Wolverine middleware on every <see cref="IStaffCommand"/> and <see cref="ITocCommand"/>: finds who sent the
/// command from the envelope (set on the server, never from client input), re-reads their account so a removed
/// role stops working at once, and stamps the Marten session so every appended event records who did it.
/// </summary>
public static class CommandAuthorization
{
    public const string ActorHeader = "actor-id";

    public static async Task<Actor> LoadAsync(Envelope envelope, IDocumentSession session, CancellationToken cancellation)
    {
        var id = envelope.Headers.TryGetValue(ActorHeader, out var header) ? header : null;
        var account = string.IsNullOrEmpty(id) ? null : await session.LoadAsync<Account>(id, cancellation);
        if (account is null || account.Disabled) throw new NotAuthorized("Sign in to do this.");

        string[] required = envelope.Message switch
        {
            IStaffCommand => [Roles.Staff],
            ITocCommand => [Roles.Toc],
            IStaffOrTocCommand => [Roles.Staff, Roles.Toc],
            _ => []
        };
        if (required.Length > 0 && !required.Any(account.Roles.Contains))
            throw new NotAuthorized(required.Length > 1 ? "Only foundation staff and TOC members may record this."
                : required[0] == Roles.Staff ? "Only foundation staff may record this."
                : "Only TOC members may do this.");

        session.LastModifiedBy = account.DisplayName;
        session.SetHeader(ActorHeader, account.Id);
        return new Actor(account.Id, account.DisplayName, account.Roles);
    }

    public static bool AppliesTo(Type messageType) =>
        typeof(IStaffCommand).IsAssignableFrom(messageType) || typeof(ITocCommand).IsAssignableFrom(messageType)
        || typeof(IStaffOrTocCommand).IsAssignableFrom(messageType);
}

public static class ActingMessageBus
{
    /// <summary>Sends a command on behalf of the signed-in <paramref name="user"/> and waits for its answer.</summary>
    public static Task<T> InvokeAsAsync<T>(this IMessageBus bus, ClaimsPrincipal user, object command, CancellationToken cancellation = default) =>
        bus.InvokeAsync<T>(command, As(user), cancellation);

    /// <inheritdoc cref="InvokeAsAsync{T}"/>
    public static Task InvokeAsAsync(this IMessageBus bus, ClaimsPrincipal user, object command, CancellationToken cancellation = default) =>
        bus.InvokeAsync(command, As(user), cancellation);

    /// <summary>
    /// For pages: sends the command and returns null when it was recorded, or the sentence to show the person
    /// when it was refused, not allowed, or lost to a concurrent edit.
    /// </summary>
    public static async Task<string?> TrySendAsAsync(this IMessageBus bus, ClaimsPrincipal user, object command)
    {
        try
        {
            await bus.InvokeAsAsync(user, command);
            return null;
        }
        catch (Exception e) when (e is CommandRefused or NotAuthorized)
        {
            return e.Message;
        }
        catch (JasperFx.ConcurrencyException)
        {
            return Api.ConcurrentEdit;
        }
    }

    static DeliveryOptions As(ClaimsPrincipal user) =>
        new DeliveryOptions().WithHeader(CommandAuthorization.ActorHeader, user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "");
}
