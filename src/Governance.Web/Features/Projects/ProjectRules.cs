namespace Governance.Features.Projects;

/// <summary>
/// The foundation's process settings (configuration section `Projects`). Defaults are the CNCF's
/// (cncf/toc process/README.md and the level application templates).
/// </summary>
public sealed class ProjectRules
{
    public List<Criterion> Incubation { get; set; } =
    [
        new("adopters", "At least 3 independent adopters, with 5–7 adopter interviews", true),
        new("openssf-badge", "OpenSSF Best Practices passing badge", true),
        new("security-self-assessment", "Security self-assessment", true),
        new("technical-review", "Technical self-assessment (TAG review)", true),
        new("governance-review", "Governance review: documented governance and maintainers", true),
        new("roadmap", "Public roadmap", false),
    ];

    public List<Criterion> Graduation { get; set; } =
    [
        new("adopters", "At least 3 independent adopters, with 5–7 adopter interviews", true),
        new("openssf-badge", "OpenSSF Best Practices passing badge", true),
        new("maintainer-diversity", "Maintainers from at least 2 organizations", true),
        new("security-audit", "Third-party security audit, critical and high findings fixed", true),
        new("technical-review", "Technical self-assessment (TAG review)", true),
        new("governance-review", "Governance review: documented governance and maintainers", true),
        new("roadmap", "Public roadmap", false),
    ];

    /// <summary>Due diligences a TOC member may sponsor at once.</summary>
    public int SponsorLimit { get; set; } = 2;

    public int InternalCommentDays { get; set; } = 7;
    public int PublicCommentDays { get; set; } = 14;

    public IReadOnlyList<Criterion> ChecklistFor(ProjectStage target) => target == ProjectStage.Graduated ? Graduation : Incubation;

    public static ProjectRules From(IConfigurationSection section)
    {
        var rules = new ProjectRules();
        section.Bind(rules);
        // The binder appends configured list items to the defaults; a configured checklist replaces them instead.
        if (section.GetSection(nameof(Incubation)).Get<List<Criterion>>() is { Count: > 0 } incubation) rules.Incubation = incubation;
        if (section.GetSection(nameof(Graduation)).Get<List<Criterion>>() is { Count: > 0 } graduation) rules.Graduation = graduation;
        return rules;
    }
}
