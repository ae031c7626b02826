using Governance.Features.Membership;
using Governance.Features.Projects;
using Marten;

namespace Governance.Features.Landscape;

/// <summary>The projects and members sections of a landscape.yml, in the shape the import reads: import → export → import changes nothing.</summary>
public static class LandscapeExport
{
    public const string MembersCategory = "CNCF Members";

    public static async Task<string> WriteAsync(IQuerySession session, CancellationToken cancellation)
    {
        var projects = await session.Query<Project>().Where(p => p.Stage != ProjectStage.Applied).OrderBy(p => p.Name).ToListAsync(cancellation);
        var members = await session.Query<Organization>().Where(o => o.MemberClass != null && o.LeftOn == null && !o.Lapsed).OrderBy(o => o.Name).ToListAsync(cancellation);
        return Build(projects, members).Write();
    }

    public static LandscapeFile Build(IEnumerable<Project> projects, IEnumerable<Organization> members)
    {
        var categories = projects
            .GroupBy(p => (p.Category ?? "Projects / Uncategorized").Split(" / ", 2) is [var c, var s] ? (c, s) : (p.Category!, p.Category!))
            .GroupBy(g => g.Key.Item1, g => new LandscapeSubcategory { Name = g.Key.Item2, Items = g.Select(Item).ToList() })
            .Select(g => new LandscapeCategory { Name = g.Key, Subcategories = g.ToList() })
            .OrderBy(c => c.Name).ToList();
        categories.Add(new LandscapeCategory
        {
            Name = MembersCategory,
            Subcategories = members.GroupBy(o => o.MemberClass!).Select(g => new LandscapeSubcategory
            {
                Name = g.Key,
                Items = g.Select(o => new LandscapeItem { Name = $"{o.Name} (member)", HomepageUrl = o.Website, Joined = Day(o.JoinedOn) }).ToList(),
            }).ToList(),
        });
        return new LandscapeFile { Landscape = categories };
    }

    static LandscapeItem Item(Project p) => new()
    {
        Name = p.Name, Description = p.Description, HomepageUrl = p.HomepageUrl, RepoUrl = p.RepoUrl,
        Project = p.Stage.ToString().ToLowerInvariant(),
        Extra = new LandscapeExtra
        {
            Accepted = Day(p.Sandbox ?? p.Incubating), Incubating = Day(p.Incubating), Graduated = Day(p.Graduated), Archived = Day(p.Archived),
            Audits = p.Audits.Count == 0 ? null : p.Audits.Select(a => new LandscapeAudit { Date = Day(a.Date), Type = a.Type, Url = a.Url, Vendor = a.Vendor }).ToList(),
            AnnualReviewDate = Day(p.AnnualReviews.LastOrDefault()?.Date), AnnualReviewUrl = p.AnnualReviews.LastOrDefault()?.Url,
        },
    };

    static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd");
}
