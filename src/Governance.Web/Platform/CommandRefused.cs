namespace Governance.Platform;

/// <summary>
/// A command broke a rule. The message is a sentence for the person who sent it; the handler's
/// transaction is not committed, so nothing is appended.
/// </summary>
public sealed class CommandRefused(string reason) : Exception(reason)
{
    /// <summary>The trimmed text, or a refusal asking the person to enter <paramref name="what"/>.</summary>
    public static string Required(string? text, string what) =>
        string.IsNullOrWhiteSpace(text) ? throw new CommandRefused($"Enter {what}.") : text.Trim();
}

/// <summary>The caller may not send this command (not signed in, or lacks the role, checked against current data).</summary>
public sealed class NotAuthorized(string reason) : Exception(reason);
