namespace Governance.Platform.Accounts;

public static class Roles
{
    public const string Staff = "staff";
    public const string Toc = "toc";
    /// <summary>The policy (and <c>Authorize(Roles = …)</c> list) for pages and reads both staff and the TOC use.</summary>
    public const string StaffOrToc = Staff + "," + Toc;
}

/// <summary>A command only staff may send.</summary>
public interface IStaffCommand;

/// <summary>A command only TOC members may send.</summary>
public interface ITocCommand;

/// <summary>A record staff or TOC members may keep (a project's details, audits, reviews).</summary>
public interface IStaffOrTocCommand;

/// <summary>The signed-in person a command is handled for, as the current account data says.</summary>
public sealed record Actor(string Id, string DisplayName, IReadOnlyList<string> Roles)
{
    public bool IsIn(string role) => Roles.Contains(role);
}
