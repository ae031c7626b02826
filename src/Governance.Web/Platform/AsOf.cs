using System.Globalization;
using System.Text.RegularExpressions;

namespace Governance.Platform;

/// <summary>
/// "As of" a date, by effective date. The date travels in the address (?asOf=YYYY-MM-DD), so a view of the past can
/// be bookmarked, shared and reloaded, and the links within it keep it. Views as of a date are read-only.
/// </summary>
public static partial class AsOf
{
    public const string Parameter = "asOf";

    public static DateOnly? Parse(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    /// <summary>The path, keeping the date if there is one.</summary>
    public static string Link(string path, DateOnly? day) =>
        day is { } d ? $"{path}{(path.Contains('?') ? '&' : '?')}{Parameter}={d:yyyy-MM-dd}" : path;

    /// <summary>The staff and TOC pages that can show a past date; the others say they show today.</summary>
    public static bool Supports(string path) => SupportedPages().IsMatch(path);

    [GeneratedRegex(@"^/(membership|membership/organizations(/[0-9a-f-]{36})?|toc/board|toc/projects/[^/]+)/?$", RegexOptions.IgnoreCase)]
    private static partial Regex SupportedPages();
}
