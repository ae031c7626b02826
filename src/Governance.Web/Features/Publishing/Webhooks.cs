using System.Net.Mime;
using System.Text;
using Governance.Features.Membership;
using Governance.Platform;
using Governance.Platform.Accounts;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Marten.Subscriptions;

namespace Governance.Features.Publishing;

// One stream per subscription: who added it, when, and when it was removed, stay on record.
public sealed record WebhookSubscribed(Guid WebhookId, string Url, string Description);
public sealed record WebhookUnsubscribed(Guid WebhookId, string Reason);

public sealed class Webhook
{
    public Guid Id { get; set; }
    public string Url { get; set; } = "";
    public string Description { get; set; } = "";
    public bool Active { get; set; }
}

public sealed partial class WebhookProjection : SingleStreamProjection<Webhook, Guid>
{
    public static Webhook Create(WebhookSubscribed e) => new() { Id = e.WebhookId, Url = e.Url, Description = e.Description, Active = true };

    public static Webhook Apply(WebhookUnsubscribed e, Webhook webhook)
    {
        webhook.Active = false;
        return webhook;
    }
}

/// <summary>Staff subscribe an address to every public event, delivered as a CloudEvent over HTTP.</summary>
public sealed record SubscribeWebhook(string Url, string Description) : IStaffCommand;

public sealed record UnsubscribeWebhook(Guid WebhookId, string Reason) : IStaffCommand;

/// <summary>One public event to one subscriber: a message in Wolverine's durable outbox, retried, then dead-lettered.</summary>
public sealed record DeliverWebhook(Guid WebhookId, string Url, long Sequence, string CloudEvent);

/// <summary>The subscriber answered with an error, or not at all; Wolverine retries and then dead-letters the delivery.</summary>
public sealed class WebhookDeliveryFailed(string message) : Exception(message);

public static class WebhookHandler
{
    /// <summary>
    /// Deliveries go through a durable local queue; a failed one is retried after each of `Webhooks:RetrySeconds`
    /// (default 5 s, 1 min, 10 min) and then moved to the dead letters, where staff see and replay it.
    /// </summary>
    public static void Configure(WebApplicationBuilder builder, WolverineOptions options)
    {
        var delays = builder.Configuration.GetSection("Webhooks:RetrySeconds").Get<double[]>() is { Length: > 0 } configured ? configured : [5, 60, 600];
        options.PublishMessage<DeliverWebhook>().ToLocalQueue("webhooks");
        options.OnException<WebhookDeliveryFailed>().ScheduleRetry(delays.Select(TimeSpan.FromSeconds).ToArray()).Then.MoveToErrorQueue();
        builder.Services.AddHttpClient("webhooks", client => client.Timeout = TimeSpan.FromSeconds(10));
    }

    public static WebhookSubscribed Decide(SubscribeWebhook command, Guid id, bool urlTaken)
    {
        var url = ChangeOrganizationDetailsHandler.WebAddress(command.Url, "webhook address") ?? throw new CommandRefused("Enter the address to deliver to.");
        if (urlTaken) throw new CommandRefused("That address is already subscribed.");
        return new WebhookSubscribed(id, url, command.Description?.Trim() ?? "");
    }

    public static async Task<Guid> Handle(SubscribeWebhook command, IDocumentSession session)
    {
        var url = command.Url?.Trim();
        var taken = await session.Query<Webhook>().AnyAsync(w => w.Active && w.Url == url);
        var id = Guid.CreateVersion7();
        session.Events.StartStream<Webhook>(id, Decide(command, id, taken));
        return id;
    }

    public static async Task Handle(UnsubscribeWebhook command, IDocumentSession session)
    {
        var stream = await session.Events.FetchForWriting<Webhook>(command.WebhookId);
        if (stream.Aggregate is not { Active: true }) throw new CommandRefused("There is no such active subscription.");
        stream.AppendOne(new WebhookUnsubscribed(command.WebhookId, CommandRefused.Required(command.Reason, "why the subscription ends")));
    }

    public static async Task Handle(DeliverWebhook delivery, IHttpClientFactory clients, CancellationToken cancellation)
    {
        using var content = new StringContent(delivery.CloudEvent, Encoding.UTF8, "application/cloudevents+json");
        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient("webhooks").PostAsync(delivery.Url, content, cancellation);
        }
        catch (HttpRequestException e)
        {
            throw new WebhookDeliveryFailed($"{delivery.Url} could not be reached: {e.Message}");
        }
        using (response)
            if (!response.IsSuccessStatusCode) throw new WebhookDeliveryFailed($"{delivery.Url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
    }
}

/// <summary>
/// Reads the public events in order and queues one delivery per active subscriber. Wolverine runs it like an async
/// projection (one node at a time) and stores the deliveries in its outbox in the same transaction as its progress,
/// so every public event reaches every subscriber at least once.
/// </summary>
public sealed class PublicEventRelay : BatchSubscription
{
    readonly Uri portal;

    public PublicEventRelay(Uri portal) : base("public-event-webhooks")
    {
        this.portal = portal;
        foreach (var type in PublicEvents.Types) IncludeType(type);
    }

    public override async Task ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations, IMessageBus bus,
        CancellationToken cancellationToken)
    {
        var webhooks = await operations.Query<Webhook>().Where(w => w.Active).ToListAsync(cancellationToken);
        foreach (var e in page.Events.Where(e => PublicEvents.IsPublic(e.EventType)))
        {
            var json = Encoding.UTF8.GetString(PublicEvents.Formatter.EncodeStructuredModeMessage(PublicEvents.ToCloudEvent(e, portal), out _).Span);
            foreach (var webhook in webhooks) await bus.PublishAsync(new DeliverWebhook(webhook.Id, webhook.Url, e.Sequence, json));
        }
    }
}
