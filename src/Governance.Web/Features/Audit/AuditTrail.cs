using System.Text.RegularExpressions;
using Governance.Platform;
using Governance.Platform.Accounts;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Governance.Features.Audit;

/// <summary>One row of the audit trail: an event with who recorded it, when, with what effect date and why.</summary>
public sealed class AuditEntry
{
    /// <summary>The event's id: projecting the same event twice writes the same row.</summary>
    public Guid Id { get; set; }
    public long Sequence { get; set; }
    public string StreamKey { get; set; } = "";
    /// <summary>The kind of record the event changed (Organization, Project, Vote, ...), so the explorer can filter and link by it.</summary>
    public string? RecordKind { get; set; }
    public string What { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
    public string? RecordedBy { get; set; }
    public string? ActorId { get; set; }
    public string? CorrelationId { get; set; }
    public DateOnly? EffectiveDate { get; set; }
    public string? Reason { get; set; }

    /// <summary>The page of the record this event changed, if it has one.</summary>
    public string? RecordLink() => RecordKind switch
    {
        AuditRecords.Organization => $"/membership/organizations/{StreamKey}",
        AuditRecords.Project => $"/toc/projects/{StreamKey}",
        AuditRecords.Vote => $"/toc/votes/{StreamKey}",
        AuditRecords.ProviderApplication => $"/programs/applications/{StreamKey}",
        AuditRecords.TocRoster => "/toc/board",
        AuditRecords.Webhook => "/webhooks",
        _ => null,
    };
}

public static class AuditRecords
{
    public const string Organization = "Organization", Project = "Project", Vote = "Vote", ProviderApplication = "Provider application",
        TocRoster = "TOC roster", FreezeCalendar = "Freeze calendar", Webhook = "Webhook", Account = "Account";

    /// <summary>Each feature keeps one kind of stream; the TOC's feature keeps three.</summary>
    public static string? KindOf(Type eventType, Guid streamId) => eventType.Namespace switch
    {
        "Governance.Features.Membership" => Organization,
        "Governance.Features.Projects" => Project,
        "Governance.Features.Providers" => ProviderApplication,
        "Governance.Features.Publishing" => Webhook,
        "Governance.Platform.Accounts" => Account,
        "Governance.Features.Toc" => streamId == Features.Toc.TocRoster.StreamId ? TocRoster : streamId == Features.Toc.FreezeCalendar.StreamId ? FreezeCalendar : Vote,
        _ => null,
    };
}

/// <summary>
/// Async: the trail is for reading later, so it need not slow a command. It runs as a Wolverine-managed agent on
/// one node at a time, picked by Wolverine's leader (see docs/architecture.md).
/// </summary>
public sealed partial class AuditTrailProjection : EventProjection
{
    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        var dated = e.Data as IEffectiveDated;
        operations.Store(new AuditEntry
        {
            Id = e.Id,
            Sequence = e.Sequence,
            StreamKey = e.StreamKey ?? e.StreamId.ToString(),
            RecordKind = AuditRecords.KindOf(e.EventType, e.StreamId),
            What = Describe(e.EventType),
            RecordedAt = e.Timestamp,
            RecordedBy = e.UserName,
            ActorId = e.Headers?.GetValueOrDefault(CommandAuthorization.ActorHeader)?.ToString(),
            CorrelationId = e.CorrelationId,
            EffectiveDate = dated?.EffectiveDate,
            Reason = dated?.Reason,
        });
        return ValueTask.CompletedTask;
    }

    /// <summary>"MemberJoined" → "Member joined".</summary>
    public static string Describe(Type eventType)
    {
        var words = Regex.Replace(eventType.Name, "(?<!^)([A-Z])", " $1").ToLowerInvariant();
        return char.ToUpperInvariant(words[0]) + words[1..];
    }
}
