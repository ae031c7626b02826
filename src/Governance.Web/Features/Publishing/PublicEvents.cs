using System.Net.Mime;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Governance.Features.Membership;
using Governance.Features.Projects;
using Governance.Features.Toc;
using JasperFx.Events;

namespace Governance.Features.Publishing;

/// <summary>
/// Which domain events the public may see, and what of each: an explicit allow-list, so a new event or field
/// stays private until someone decides to publish it. Reasons, contacts and who recorded a change never leave.
/// </summary>
public static class PublicEvents
{
    public const string TypePrefix = "org.governance.";

    static readonly Dictionary<Type, Func<object, object>> Published = new()
    {
        [typeof(OrganizationRegistered)] = e => e is OrganizationRegistered r ? new { r.OrganizationId, r.Name, r.Website } : e,
        [typeof(MemberJoined)] = e => e is MemberJoined j ? new { j.OrganizationId, j.MemberClass, j.EffectiveDate } : e,
        [typeof(ProjectAcceptedIntoSandbox)] = e => e is ProjectAcceptedIntoSandbox m ? new { m.ProjectId, m.EffectiveDate, m.VoteId } : e,
        [typeof(ProjectMovedToIncubation)] = e => e is ProjectMovedToIncubation m ? new { m.ProjectId, m.EffectiveDate, m.VoteId } : e,
        [typeof(ProjectGraduated)] = e => e is ProjectGraduated m ? new { m.ProjectId, m.EffectiveDate, m.VoteId } : e,
        [typeof(ProjectArchived)] = e => e is ProjectArchived m ? new { m.ProjectId, m.FromStage, m.EffectiveDate, m.VoteId } : e,
        [typeof(ProjectReactivated)] = e => e is ProjectReactivated m ? new { m.ProjectId, m.EffectiveDate, m.VoteId } : e,
        [typeof(SecurityAuditRecorded)] = e => e is SecurityAuditRecorded a ? new { a.ProjectId, a.Date, a.Vendor, a.Url, a.Type } : e,
        [typeof(VoteClosed)] = e => e is VoteClosed c ? new { c.VoteId, c.Outcome, c.InFavour, c.Against, c.Abstain, c.NotVoted, c.At } : e,
    };

    public static IReadOnlyCollection<Type> Types => Published.Keys;

    public static bool IsPublic(Type eventType) => Published.ContainsKey(eventType);

    /// <summary>The event as a CloudEvents 1.0 event: type "org.governance.member-joined", source the record it changed.</summary>
    public static CloudEvent ToCloudEvent(IEvent e, Uri portal) => new()
    {
        Id = e.Id.ToString(),
        Type = TypePrefix + Kebab(e.EventType.Name),
        Source = new Uri(portal, $"/records/{e.StreamKey ?? e.StreamId.ToString()}"),
        Subject = e.StreamKey ?? e.StreamId.ToString(),
        Time = e.Timestamp,
        DataContentType = MediaTypeNames.Application.Json,
        Data = Published[e.EventType](e.Data),
        ["sequence"] = e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static readonly JsonEventFormatter Formatter = new();

    static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
