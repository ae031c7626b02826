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
    public string What { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
    public string? RecordedBy { get; set; }
    public string? ActorId { get; set; }
    public string? CorrelationId { get; set; }
    public DateOnly? EffectiveDate { get; set; }
    public string? Reason { get; set; }
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
