using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using Governance.Features.Membership;
using Marten;
using Marten.Events;

namespace Governance.Features.Publishing;

/// <summary>The public JSON API: no sign-in, cacheable, only what the public pages show.</summary>
public static class PublicApi
{
    public sealed record PublicMember(string Name, string MemberClass, DateOnly Joined, string? Website);

    public sealed record EventPage(JsonElement[] Events, long? Next);

    public static void MapPublicApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/public").AllowAnonymous().WithTags("Public");

        api.MapGet("/members", async (string? @class, DateOnly? asOf, HttpContext http, IQuerySession session, CancellationToken cancellation) =>
                Cacheable(http, asOf is { } day ? await MembersOnAsync(session, day, @class, cancellation) : await CurrentMembersAsync(session, @class, cancellation)))
            .WithSummary("Current members with their class and joined date; optionally of one class, or as of a date (YYYY-MM-DD)")
            .Produces<PublicMember[]>();

        api.MapPublicProjects(app);

        api.MapGet("/events", async (long? after, int? limit, HttpContext http, IQuerySession session, CancellationToken cancellation) =>
            {
                var take = Math.Clamp(limit ?? 100, 1, 1000);
                var from = after ?? 0;
                var events = await session.Events.QueryAllRawEvents()
                    .Where(e => e.Sequence > from && e.EventTypesAre(PublicEvents.Types.ToArray()))
                    .OrderBy(e => e.Sequence)
                    .Take(take)
                    .ToListAsync(cancellation);
                var portal = new Uri($"{http.Request.Scheme}://{http.Request.Host}");
                var page = events
                    .Select(e => JsonDocument.Parse(PublicEvents.Formatter.EncodeStructuredModeMessage(PublicEvents.ToCloudEvent(e, portal), out _)).RootElement)
                    .ToArray();
                return Cacheable(http, new EventPage(page, events.Count == take ? events[^1].Sequence : null));
            })
            .WithSummary("Public domain events as CloudEvents 1.0 (structured JSON), oldest first; resume with after=<next>")
            .Produces<EventPage>();
    }

    public static async Task<IReadOnlyList<PublicMember>> CurrentMembersAsync(IQuerySession session, string? memberClass, CancellationToken cancellation)
    {
        var rows = await session.Query<Organization>()
            .Where(row => row.MemberClass != null && row.JoinedOn != null)
            .OrderBy(row => row.Name)
            .ToListAsync(cancellation);
        return rows
            .Where(row => memberClass is null || string.Equals(row.MemberClass, memberClass, StringComparison.OrdinalIgnoreCase))
            .Select(row => new PublicMember(row.Name, row.MemberClass!, row.JoinedOn!.Value, row.Website))
            .ToList();
    }

    /// <summary>Members on a past day, by effective date, with the class they had then (see <see cref="MembershipAsOf"/>).</summary>
    public static async Task<IReadOnlyList<PublicMember>> MembersOnAsync(IQuerySession session, DateOnly day, string? memberClass, CancellationToken cancellation) =>
        (await MembershipAsOf.OrganizationsOnAsync(session, day, cancellation))
            .Where(o => o.IsMember && (memberClass is null || string.Equals(o.MemberClass, memberClass, StringComparison.OrdinalIgnoreCase)))
            .Select(o => new PublicMember(o.Name, o.MemberClass!, o.JoinedOn!.Value, o.Website))
            .ToList();

    /// <summary>Answers with an ETag of the content and a short public cache; 304 when the caller already has it.</summary>
    public static IResult Cacheable<T>(HttpContext http, T body)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(body, JsonSerializerOptions.Web);
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(json))[..32]}\"";
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "public, max-age=60";
        return http.Request.Headers.IfNoneMatch.Contains(etag)
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Bytes(json, "application/json");
    }
}
