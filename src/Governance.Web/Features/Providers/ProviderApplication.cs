using Governance.Platform;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Governance.Features.Providers;

public enum ProviderState { Submitted, NeedInfo, Approved, Declined, Lapsed }

public sealed class RequirementReview
{
    public string Key { get; set; } = "";
    public bool Met { get; set; }
    public string? Note { get; set; }
}

/// <summary>An application to a program and, once approved, the provider's standing. Kept inline.</summary>
public sealed class ProviderApplication : IChangeTracked
{
    string IChangeTracked.DisplayName => $"{OrganizationName}'s application";

    public Guid Id { get; set; }
    public string Program { get; set; } = "";
    public Guid OrganizationId { get; set; }
    public string OrganizationName { get; set; } = "";
    public string? Website { get; set; }
    public string? Country { get; set; }
    public List<string> Services { get; set; } = [];
    public List<CertifiedEngineer> Engineers { get; set; } = [];
    public List<string> ContributionLinks { get; set; } = [];
    public string SupportOffering { get; set; } = "";
    public ProviderState State { get; set; }
    public List<RequirementReview> Reviews { get; set; } = [];
    /// <summary>The open question, the decline's reason, or the lapse's reason.</summary>
    public string? Decision { get; set; }
    public DateOnly Submitted { get; set; }
    public DateOnly? ApprovedOn { get; set; }
    public DateOnly? LapsedOn { get; set; }
    /// <summary>The notice shown to the provider before a lapse: the date and why.</summary>
    public DateOnly? LapseWarnedFor { get; set; }
    public string? Warning { get; set; }

    public long Version { get; set; }
    public string? LastChangedBy { get; set; }
    public DateTimeOffset LastChangedAt { get; set; }

    public bool IsOpen => State is ProviderState.Submitted or ProviderState.NeedInfo;

    public int ValidCertificatesOn(DateOnly day) => Engineers.Where(e => e.Expires >= day).Select(e => e.CertificateId).Distinct().Count();
}

public sealed partial class ProviderApplicationProjection : SingleStreamProjection<ProviderApplication, Guid>
{
    public ProviderApplicationProjection()
    {
        foreach (var type in new[] { typeof(ProviderApplicationSubmitted), typeof(ProviderRequirementReviewed), typeof(ProviderInformationRequested),
                     typeof(ProviderEvidenceUpdated), typeof(ProviderApproved), typeof(ProviderDeclined), typeof(ProviderLapseWarned), typeof(ProviderLapsed) })
            IncludeType(type);
    }

    public override ProviderApplication Evolve(ProviderApplication? snapshot, Guid id, IEvent e)
    {
        var a = snapshot ?? new ProviderApplication { Id = id };
        switch (e.Data)
        {
            case ProviderApplicationSubmitted s:
                (a.Program, a.OrganizationId, a.OrganizationName, a.Website, a.Country) = (s.Program, s.OrganizationId, s.OrganizationName, s.Website, s.Country);
                (a.Services, a.Engineers, a.ContributionLinks, a.SupportOffering) = ([.. s.Services], [.. s.Engineers], [.. s.ContributionLinks], s.SupportOffering);
                (a.State, a.Submitted) = (ProviderState.Submitted, DateOnly.FromDateTime(e.Timestamp.UtcDateTime));
                break;
            case ProviderRequirementReviewed r:
                a.Reviews.RemoveAll(x => x.Key == r.Requirement);
                a.Reviews.Add(new RequirementReview { Key = r.Requirement, Met = r.Met, Note = r.Note });
                break;
            case ProviderInformationRequested q: (a.State, a.Decision) = (ProviderState.NeedInfo, q.Question); break;
            case ProviderEvidenceUpdated u:
                (a.Engineers, a.ContributionLinks, a.SupportOffering) = ([.. u.Engineers], [.. u.ContributionLinks], u.SupportOffering);
                // An answer reopens the review; an approved provider's new certificates keep it approved.
                if (a.State == ProviderState.NeedInfo) (a.State, a.Decision) = (ProviderState.Submitted, null);
                (a.LapseWarnedFor, a.Warning) = (null, null);
                break;
            case ProviderApproved p: (a.State, a.ApprovedOn, a.Decision) = (ProviderState.Approved, p.EffectiveDate, p.Reason); break;
            case ProviderDeclined d: (a.State, a.Decision) = (ProviderState.Declined, d.Reason); break;
            case ProviderLapseWarned w: (a.LapseWarnedFor, a.Warning) = (w.LapsesOn, w.Reason); break;
            case ProviderLapsed l: (a.State, a.LapsedOn, a.Decision) = (ProviderState.Lapsed, l.EffectiveDate, l.Reason); break;
        }
        return a;
    }

    public override ProviderApplication ApplyMetadata(ProviderApplication a, IEvent lastEvent)
    {
        (a.Version, a.LastChangedBy, a.LastChangedAt) = (lastEvent.Version, lastEvent.UserName, lastEvent.Timestamp);
        return a;
    }
}
