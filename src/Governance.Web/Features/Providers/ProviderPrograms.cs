namespace Governance.Features.Providers;

public sealed record Requirement(string Key, string Text, bool VerifiableFromRecords);

/// <summary>A certification program (configuration section `Providers:Programs`); defaults are the CNCF's KCSP and training partners.</summary>
public sealed class ProviderProgram
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string Certification { get; set; } = "CKA";
    public int MinimumCertified { get; set; } = 3;
    public int RenewalMonths { get; set; } = 12;
    public List<Requirement> Requirements { get; set; } = [];
}

public sealed class ProviderPrograms
{
    /// <summary>Days before a lapse that the provider is warned in the portal.</summary>
    public int WarningDays { get; set; } = 30;

    public List<ProviderProgram> Programs { get; set; } =
    [
        new()
        {
            Key = "kcsp", Name = "Kubernetes Certified Service Provider", Certification = "CKA", MinimumCertified = 3,
            Requirements =
            [
                new("member", "The company is a foundation member", true),
                new("certified", "Three or more engineers who passed the Certified Kubernetes Administrator (CKA) exam", true),
                new("community", "Demonstrable activity in the community, including active contribution", false),
                new("enterprise-support", "A business model to support enterprise end users, including engineers at a customer site", false),
            ],
        },
        new()
        {
            Key = "ktp", Name = "Kubernetes and Cloud Native Training Partner", Certification = "CKA", MinimumCertified = 1,
            Requirements =
            [
                new("member", "The company is a foundation member", true),
                new("certified", "At least one certified instructor (CKA)", true),
                new("curriculum", "A Kubernetes training curriculum delivered to customers", false),
            ],
        },
    ];

    public ProviderProgram? Named(string? key) => Programs.FirstOrDefault(p => string.Equals(p.Key, key?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static ProviderPrograms From(IConfigurationSection section)
    {
        var programs = new ProviderPrograms();
        section.Bind(programs);
        // The binder appends configured programs to the defaults; configured ones replace them instead.
        if (section.GetSection(nameof(Programs)).Get<List<ProviderProgram>>() is { Count: > 0 } configured) programs.Programs = configured;
        return programs;
    }
}
