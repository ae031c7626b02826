using Governance.Platform;
using System.Globalization;
using System.Text;
using Governance.Platform.Accounts;
using Marten;

namespace Governance.Features.Audit;

/// <summary>A filter over the audit trail, shared by the explorer page, its API and the CSV export.</summary>
public sealed record AuditQuery(string? Person = null, string? Record = null, string? What = null, DateOnly? From = null, DateOnly? To = null,
    string? Kind = null)
{
    public IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> entries)
    {
        if (!string.IsNullOrWhiteSpace(Person))
            entries = entries.Where(e => e.RecordedBy!.Contains(Person, StringComparison.OrdinalIgnoreCase) || e.ActorId == Person);
        if (!string.IsNullOrWhiteSpace(Record)) entries = entries.Where(e => e.StreamKey == Record);
        if (!string.IsNullOrWhiteSpace(What)) entries = entries.Where(e => e.What.Contains(What.Trim(), StringComparison.OrdinalIgnoreCase));
        if (!string.IsNullOrWhiteSpace(Kind)) entries = entries.Where(e => e.RecordKind == Kind);
        if (From is { } from) entries = entries.Where(e => e.RecordedAt >= new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        if (To is { } to) entries = entries.Where(e => e.RecordedAt < new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        return entries.OrderByDescending(e => e.Sequence);
    }
}

/// <summary>A record picked in the explorer: its stream's key, its name and kind.</summary>
public sealed record AuditRecordChoice(string Id, string Name, string Kind);

public static class AuditApi
{
    public static void MapAuditApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/audit").RequireAuthorization(Roles.Staff).WithTags("Audit");

        api.MapGet("/", async ([AsParameters] AuditQuery query, int? page, int? pageSize, IQuerySession session, CancellationToken cancellation) =>
            {
                var size = Math.Clamp(pageSize ?? 50, 1, 500);
                return await query.Apply(session.Query<AuditEntry>()).Skip(Math.Max(0, page ?? 0) * size).Take(size).ToListAsync(cancellation);
            })
            .WithSummary("The audit trail, newest first, filtered by person, record (an organization's or project's id), kind of record, event (words of its name) and recorded period");

        api.MapGet("/export.csv", async ([AsParameters] AuditQuery query, IQuerySession session, CancellationToken cancellation) =>
            {
                var entries = await query.Apply(session.Query<AuditEntry>()).ToListAsync(cancellation);
                return Results.File(Encoding.UTF8.GetBytes(ToCsv(entries)), "text/csv", "audit-trail.csv");
            })
            .WithSummary("The filtered audit trail as CSV");
    }

    public static string ToCsv(IEnumerable<AuditEntry> entries)
    {
        var csv = new StringBuilder("sequence,recorded_at,recorded_by,actor_id,what,record,record_kind,effective_date,reason,correlation_id\n");
        foreach (var e in entries)
            csv.AppendLine(Csv.Line(
                e.Sequence.ToString(CultureInfo.InvariantCulture), e.RecordedAt.ToString("O", CultureInfo.InvariantCulture), e.RecordedBy,
                e.ActorId, e.What, e.StreamKey, e.RecordKind, e.EffectiveDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), e.Reason, e.CorrelationId));
        return csv.ToString();
    }
}
