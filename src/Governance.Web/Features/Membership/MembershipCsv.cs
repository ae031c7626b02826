using System.Globalization;
using System.Security.Claims;
using Governance.Platform;
using Governance.Platform.Accounts;
using Marten;
using Wolverine;

namespace Governance.Features.Membership;

/// <summary>
/// Bulk migration: import organizations and memberships from CSV (name, website, class, joined, reason), with a dry
/// run that tells each row's outcome before anything is written; export the directory and the membership history.
/// Importing the same file twice changes nothing: a row that matches the record is "unchanged".
/// </summary>
public static class MembershipCsv
{
    public sealed record Row(string Name, string? Website, string Class, DateOnly Joined, string? Reason);

    public const string Header = "name,website,class,joined,reason";

    public enum Outcome { Join, TierChange, Rejoin, Unchanged, Error }

    public sealed record RowResult(int Line, string Name, Outcome Outcome, string Detail);

    /// <summary>Plans every row against the current records and, unless <paramref name="dryRun"/>, records it.</summary>
    public static async Task<IReadOnlyList<RowResult>> ImportAsync(string csv, bool dryRun, IMessageBus bus, ClaimsPrincipal user,
        IDocumentStore store, MembershipRules rules, DateOnly today)
    {
        var results = new List<RowResult>();
        var rows = Csv.Parse(csv);
        if (rows.Count == 0 || string.Join(',', rows[0].Select(h => h.Trim().ToLowerInvariant())) != Header)
            return [new RowResult(1, "", Outcome.Error, $"The first line must be the header: {Header}")];
        var seen = new HashSet<string>();
        foreach (var (fields, index) in rows.Skip(1).Select((f, i) => (f, i + 2)))
        {
            if (fields.Length != 5 || !DateOnly.TryParseExact(fields[3].Trim(), "yyyy-MM-dd", out var joined))
            {
                results.Add(new RowResult(index, fields[0], Outcome.Error, "Expected 5 fields with the date as YYYY-MM-DD."));
                continue;
            }
            var row = new Row(fields[0].Trim(), Blank(fields[1]), fields[2].Trim(), joined, Blank(fields[4]));
            if (!seen.Add(MembershipRules.NormalizeName(row.Name)))
            {
                results.Add(new RowResult(index, row.Name, Outcome.Error, "The file names this organization twice."));
                continue;
            }
            results.Add(await ImportRowAsync(index, row, dryRun, bus, user, store, rules, today));
        }
        return results;
    }

    static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    static async Task<RowResult> ImportRowAsync(int line, Row row, bool dryRun, IMessageBus bus, ClaimsPrincipal user,
        IDocumentStore store, MembershipRules rules, DateOnly today)
    {
        Organization? existing;
        await using (var session = store.QuerySession())
        {
            var normalized = MembershipRules.NormalizeName(row.Name);
            existing = await session.Query<Organization>().FirstOrDefaultAsync(o => o.NormalizedName == normalized);
        }
        var memberClass = rules.ClassNamed(row.Class);
        var (outcome, command) = existing switch
        {
            null => (Outcome.Join, (object)new RecordJoin(row.Name, row.Website, row.Class, row.Joined, row.Reason)),
            { IsMember: true } when existing.MemberClass == memberClass => (Outcome.Unchanged, null!),
            { IsMember: true } => (Outcome.TierChange, new ChangeTier(existing.Id, existing.Version, row.Class, row.Joined, row.Reason)),
            _ => (Outcome.Rejoin, new RecordRejoin(existing.Id, existing.Version, row.Class, row.Joined, row.Reason)),
        };
        if (outcome == Outcome.Unchanged) return new RowResult(line, row.Name, outcome, "Already on record as given.");

        try
        {
            // The dry run asks the same rules the command will; only a clean row is sent.
            switch (command)
            {
                case RecordJoin join: RecordJoinHandler.Decide(join, Guid.Empty, false, rules, today); break;
                case ChangeTier tier: ChangeTierHandler.Decide(existing!, tier, rules, today); break;
                case RecordRejoin rejoin: RecordRejoinHandler.Decide(existing!, rejoin, rules, today); break;
            }
            if (!dryRun)
            {
                var refusal = await bus.TrySendAsAsync(user, command);
                if (refusal is not null) return new RowResult(line, row.Name, Outcome.Error, refusal);
            }
            return new RowResult(line, row.Name, outcome, $"{(dryRun ? "Would record" : "Recorded")}: {outcome} as {memberClass} on {row.Joined:yyyy-MM-dd}");
        }
        catch (CommandRefused refused)
        {
            return new RowResult(line, row.Name, Outcome.Error, refused.Message);
        }
    }

    public static string ExportDirectory(IEnumerable<Organization> organizations, DateOnly today) =>
        Lines("name,website,country,class,status,joined,term_end,left,end_user", organizations.Select(o => Csv.Line(
            o.Name, o.Website, o.Country, o.MemberClass, o.StatusOn(today).ToString(), Day(o.JoinedOn), Day(o.TermEnd), Day(o.LeftOn), o.IsEndUser ? "true" : "false")));

    public static string ExportHistory(IEnumerable<MembershipMovement> movements, IReadOnlyDictionary<Guid, string> names) =>
        Lines("organization,movement,from_class,to_class,effective_date", movements.OrderBy(m => m.EffectiveDate).Select(m => Csv.Line(
            names.GetValueOrDefault(m.OrganizationId), m.Kind.ToString(), m.FromClass, m.ToClass, Day(m.EffectiveDate))));

    static string Lines(string header, IEnumerable<string> lines) => string.Join('\n', lines.Prepend(header)) + "\n";

    static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static void MapMembershipCsv(this RouteGroupBuilder api)
    {
        api.MapPost("/import", async (HttpRequest request, bool? dryRun, IMessageBus bus, ClaimsPrincipal user, IDocumentStore store, MembershipRules rules, TimeProvider clock) =>
            {
                using var body = new StreamReader(request.Body);
                return await ImportAsync(await body.ReadToEndAsync(), dryRun ?? true, bus, user, store, rules, OrganizationStream.Today(clock));
            })
            .Accepts<string>("text/csv")
            .WithSummary("Import organizations and memberships from CSV (name,website,class,joined,reason); a dry run unless dryRun=false");

        api.MapGet("/export/organizations.csv", async (IQuerySession session, TimeProvider clock, CancellationToken cancellation) =>
                Results.File(System.Text.Encoding.UTF8.GetBytes(ExportDirectory(
                    await session.Query<Organization>().OrderBy(o => o.Name).ToListAsync(cancellation), OrganizationStream.Today(clock))), "text/csv", "organizations.csv"))
            .WithSummary("The directory as CSV");

        api.MapGet("/export/history.csv", async (IQuerySession session, CancellationToken cancellation) =>
            {
                var names = (await session.Query<Organization>().Select(o => new { o.Id, o.Name }).ToListAsync(cancellation)).ToDictionary(o => o.Id, o => o.Name);
                return Results.File(System.Text.Encoding.UTF8.GetBytes(ExportHistory(await session.Query<MembershipMovement>().ToListAsync(cancellation), names)),
                    "text/csv", "membership-history.csv");
            })
            .WithSummary("Every membership movement (joins, tier changes, renewals, lapses, departures) as CSV");
    }
}
