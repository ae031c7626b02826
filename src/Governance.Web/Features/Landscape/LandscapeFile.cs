using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Governance.Features.Landscape;

// The parts of cncf/landscape's landscape.yml the portal reads and writes; every other key is ignored on import.

public sealed class LandscapeFile
{
    public List<LandscapeCategory> Landscape { get; set; } = [];

    static readonly IDeserializer Reader = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance).IgnoreUnmatchedProperties().Build();

    static readonly ISerializer Writer = new SerializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull | DefaultValuesHandling.OmitEmptyCollections).Build();

    /// <summary>Parses the file, or throws <see cref="FormatException"/> with the line where the YAML breaks.</summary>
    public static LandscapeFile Parse(string yaml)
    {
        try
        {
            return Reader.Deserialize<LandscapeFile?>(yaml) ?? new LandscapeFile();
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new FormatException($"landscape.yml is not valid YAML (line {e.Start.Line}): {e.InnerException?.Message ?? e.Message}");
        }
    }

    public string Write() => Writer.Serialize(this);

    /// <summary>Every item with its category and subcategory names.</summary>
    public IEnumerable<(string Category, string Subcategory, LandscapeItem Item)> Items() =>
        from category in Landscape
        from subcategory in category.Subcategories
        from item in subcategory.Items
        select (category.Name, subcategory.Name, item);

    /// <summary>The members category ("CNCF Members" in the CNCF's file): its subcategories are membership classes.</summary>
    public static bool IsMembers(string category) => category.EndsWith("Members", StringComparison.OrdinalIgnoreCase);
}

public sealed class LandscapeCategory
{
    public string Name { get; set; } = "";
    public List<LandscapeSubcategory> Subcategories { get; set; } = [];
}

public sealed class LandscapeSubcategory
{
    public string Name { get; set; } = "";
    public List<LandscapeItem> Items { get; set; } = [];
}

public sealed class LandscapeItem
{
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public string? HomepageUrl { get; set; }
    public string? RepoUrl { get; set; }
    public string? Logo { get; set; }
    public string? Project { get; set; }
    public string? Joined { get; set; }
    public bool? Enduser { get; set; }
    public LandscapeExtra? Extra { get; set; }
}

public sealed class LandscapeExtra
{
    public string? Accepted { get; set; }
    public string? Incubating { get; set; }
    public string? Graduated { get; set; }
    public string? Archived { get; set; }
    public List<LandscapeAudit>? Audits { get; set; }
    public string? AnnualReviewDate { get; set; }
    public string? AnnualReviewUrl { get; set; }
}

public sealed class LandscapeAudit
{
    public string? Date { get; set; }
    public string? Type { get; set; }
    public string? Url { get; set; }
    public string? Vendor { get; set; }
}
