using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using CloudNative.CloudEvents;
using Governance.Features.Membership;
using Governance.Features.Publishing;
using Governance.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Tests.Publishing;

/// <summary>Webhooks: each public event reaches each subscriber as a CloudEvent; failures retry, then wait as dead letters.</summary>
public class WebhookDelivery(WebhookDelivery.WithFastRetries app) : IClassFixture<WebhookDelivery.WithFastRetries>, IAsyncLifetime
{
    public sealed class WithFastRetries : GovernanceApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Webhooks:RetrySeconds:0", "0.2");
            builder.UseSetting("Webhooks:RetrySeconds:1", "0.2");
        }
    }

    /// <summary>A subscriber on its own port: it records what it receives, and fails while told to.</summary>
    WebApplication receiver = default!;
    readonly ConcurrentQueue<string> received = new();
    volatile bool failing;
    string address = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        receiver = builder.Build();
        receiver.MapPost("/hook", async (HttpRequest request) =>
        {
            if (failing) return Results.StatusCode(503);
            received.Enqueue(await new StreamReader(request.Body).ReadToEndAsync());
            return Results.Ok();
        });
        await receiver.StartAsync();
        address = receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook";
    }

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what)
    {
        for (var i = 0; i < 150; i++)
        {
            if (await probe() is { } found) return found;
            await Task.Delay(200);
        }
        throw new TimeoutException($"Waited 30 s for {what}.");
    }

    [Fact]
    public async Task A_public_event_reaches_a_subscriber_as_a_valid_cloudevent_and_a_failing_one_is_dead_lettered_then_replayed()
    {
        var staff = await app.ClientAsync(GovernanceApp.Staff);
        var subscribed = await staff.PostAsJsonAsync("/api/webhooks", new SubscribeWebhook(address, "test subscriber"));
        Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsJsonAsync("/api/webhooks", new SubscribeWebhook(address, "twice"))).StatusCode);

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        (await staff.PostAsJsonAsync("/api/membership/joins", new RecordJoin("Hooked Heron", null, "Gold", today, null))).EnsureSuccessStatusCode();

        var joined = await EventuallyAsync(() => Task.FromResult(received.Select(Decode).FirstOrDefault(e => e.Type == "org.governance.member-joined")), "the member-joined delivery");
        Assert.True(joined.IsValid);
        Assert.Equal(CloudEventsSpecVersion.V1_0, joined.SpecVersion);
        Assert.Contains("\"MemberClass\":\"Gold\"", Encoding.UTF8.GetString(PublicEvents.Formatter.EncodeStructuredModeMessage(joined, out _).Span));

        failing = true;
        (await staff.PostAsJsonAsync("/api/membership/joins", new RecordJoin("Missed Merganser", null, "Silver", today, null))).EnsureSuccessStatusCode();
        var dead = await EventuallyAsync(async () =>
        {
            var letters = await staff.GetFromJsonAsync<WebhooksApi.FailedDelivery[]>("/api/webhooks/dead-letters");
            return letters!.Length >= 2 ? letters : null; // organization registered and member joined
        }, "the failed deliveries in the dead letters");
        Assert.All(dead, d => Assert.Contains("answered 503", d.Error));

        failing = false;
        (await staff.PostAsync("/api/webhooks/dead-letters/replay", null)).EnsureSuccessStatusCode();
        await EventuallyAsync(() => Task.FromResult(received.Select(Decode).Any(e => e.Type == "org.governance.organization-registered"
            && Encoding.UTF8.GetString(PublicEvents.Formatter.EncodeStructuredModeMessage(e, out _).Span).Contains("Missed Merganser")) ? (object)true : null), "the replayed delivery");
    }

    static CloudEvent Decode(string json) =>
        PublicEvents.Formatter.DecodeStructuredModeMessage(Encoding.UTF8.GetBytes(json), new System.Net.Mime.ContentType("application/cloudevents+json"), null);
}
