using Microsoft.AspNetCore.Identity;

namespace Governance.Platform.Accounts;

/// <summary>
/// A person who can sign in. Local accounts carry a password hash (ASP.NET Core Identity's PBKDF2 hasher);
/// accounts of people signing in through OpenID Connect are kept in step with their identity provider.
/// </summary>
public sealed class Account
{
    /// <summary>The lower-cased e-mail address for local accounts, "oidc:{subject}" for single sign-on.</summary>
    public string Id { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string? PasswordHash { get; set; }
    public List<string> Roles { get; set; } = [];
    public bool Disabled { get; set; }

    static readonly PasswordHasher<Account> Hasher = new();

    public static Account Local(string email, string displayName, string password, params string[] roles)
    {
        var account = new Account { Id = email.Trim().ToLowerInvariant(), DisplayName = displayName, Roles = [.. roles] };
        account.PasswordHash = Hasher.HashPassword(account, password);
        return account;
    }

    public bool PasswordMatches(string password) =>
        PasswordHash is not null && Hasher.VerifyHashedPassword(this, PasswordHash, password) != PasswordVerificationResult.Failed;
}
