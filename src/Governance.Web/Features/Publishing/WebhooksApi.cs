using System.Security.Claims;
using System.Text.Json;
using Governance.Platform;
using Governance.Platform.Accounts;
using Marten;
using Wolverine;
using Wolverine.Persistence.Durability.DeadLetterManagement;
using Wolverine.Runtime;

namespace Governance.Features.Publishing;

public static class WebhooksApi
{
    public sealed record FailedDelivery(Guid Id, Guid WebhookId, string Url, long Sequence, string? Error, DateTimeOffset? FailedAt);

    public static void MapWebhooksApi(this WebApplication app)
    {
        var staff = app.MapGroup("/api/webhooks").RequireAuthorization(Roles.Staff).WithTags("Webhooks");
        staff.MapGet("/", async (IQuerySession session, CancellationToken cancellation) => await session.Query<Webhook>().OrderBy(w => w.Url).ToListAsync(cancellation))
            .WithSummary("Webhook subscriptions, active and ended");
        staff.MapPost("/", (SubscribeWebhook command, IMessageBus bus, ClaimsPrincipal user) =>
                Api.SendAsync<Guid>(bus, user, command, id => Results.Created($"/api/webhooks/{id}", new { id })))
            .WithSummary("Subscribe an address to every public event, delivered as a CloudEvent (structured JSON) by HTTP POST");
        staff.MapPost("/{id:guid}/unsubscription", (Guid id, ReasonRequest request, IMessageBus bus, ClaimsPrincipal user) =>
                Api.SendAsync(bus, user, new UnsubscribeWebhook(id, request.Reason), Results.NoContent))
            .WithSummary("End a subscription, with the reason");
        staff.MapGet("/dead-letters", async (IWolverineRuntime runtime, CancellationToken cancellation) => await DeadLettersAsync(runtime, cancellation))
            .WithSummary("Deliveries that failed every retry");
        staff.MapPost("/dead-letters/replay", async (IWolverineRuntime runtime, CancellationToken cancellation) =>
            {
                await ReplayAsync(runtime, cancellation);
                return Results.NoContent();
            })
            .WithSummary("Try every dead-lettered delivery again");
    }

    public sealed record ReasonRequest(string Reason);

    public static Task ReplayAsync(IWolverineRuntime runtime, CancellationToken cancellation) => runtime.Storage.DeadLetters.ReplayAsync(Query(), cancellation);

    static DeadLetterEnvelopeQuery Query() => new() { MessageType = typeof(DeliverWebhook).FullName };

    public static async Task<IReadOnlyList<FailedDelivery>> DeadLettersAsync(IWolverineRuntime runtime, CancellationToken cancellation)
    {
        var results = await runtime.Storage.DeadLetters.QueryAsync(Query(), cancellation);
        // The store keeps the message as Wolverine serialized it (System.Text.Json).
        return results.Envelopes.Select(d => (Letter: d, Delivery: d.Envelope?.Data is { Length: > 0 } data ? JsonSerializer.Deserialize<DeliverWebhook>(data) : null))
            .Where(x => x.Delivery is not null)
            .Select(x => new FailedDelivery(x.Letter.Id, x.Delivery!.WebhookId, x.Delivery.Url, x.Delivery.Sequence, x.Letter.ExceptionMessage, x.Letter.FailedAt))
            .ToList();
    }
}
