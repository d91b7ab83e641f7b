using Alerts.Core.Handlers;
using Alerts.Core.Model;
using Alerts.Functions.Extensions;
using Alerts.Functions.Functions;
using Alerts.Functions.Tests.Support;
using Azure.Storage.Queues.Models;

namespace Alerts.Functions.Tests.Functions;

/// <summary>EvaluateEvent and DeliverAlert under duplicates, failing receivers and paused delivery.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DeliveryTests(AzuriteStorage azurite) : IAsyncLifetime
{
    public Task InitializeAsync() => azurite.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Concurrent_duplicate_messages_at_every_stage_deliver_once()
    {
        await using var webhook = await Webhook.StartAsync(204);
        await using var app = await FunctionsApp.StartAsync(azurite);
        await Catalog.WebhookDeskAsync(app.Store, webhook.Url, Catalog.ZhipuAbove450());
        var evaluation = await IngestAsync(app, Catalog.Tick(496));

        // The same evaluation, four times at once (a redelivered message racing the original and the sweep).
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.Function<EvaluateEventFunction>().RunAsync(Triggers.Message(evaluation), CancellationToken.None)));
        var deliveries = await app.DrainAsync(QueueNames.Deliveries);
        Assert.NotEmpty(deliveries);
        Assert.Single(deliveries.Select(m => Triggers.Delivery(m).DeliveryId).Distinct());

        // Every copy of the delivery message, twice over, at once.
        await Task.WhenAll(deliveries.Concat(deliveries).Select(m => app.Function<DeliverAlertFunction>().RunAsync(m, CancellationToken.None)));

        Assert.Single(webhook.Requests);
        Assert.Single(await app.Store.Alerts.ListAsync(Tenancy.DefaultTenant, CancellationToken.None));
    }

    [Fact]
    public async Task A_retryable_failure_is_sent_back_to_the_queue_hidden_until_its_retry_is_due()
    {
        await using var webhook = await Webhook.StartAsync(503, 204);
        await using var app = await FunctionsApp.StartAsync(azurite, new Dictionary<string, string?> { ["Alerts:RetryBaseDelay"] = "00:00:04" });
        await Catalog.WebhookDeskAsync(app.Store, webhook.Url, Catalog.ZhipuAbove450());
        var message = await EvaluateAsync(app, Catalog.Tick(496));

        await app.Function<DeliverAlertFunction>().RunAsync(message, CancellationToken.None);

        var queue = azurite.Queue(QueueNames.Deliveries);
        var properties = (await queue.GetPropertiesAsync()).Value;
        Assert.Equal(1, properties.ApproximateMessagesCount);
        Assert.Empty((await queue.PeekMessagesAsync()).Value);
        // The queue's clock is coarser than the schedule's: a message that shows up a moment early is sent back until due.
        for (var hops = 0; webhook.Requests.Count < 2 && hops < 5; hops++)
        {
            var retry = await Eventually.ReceiveAsync(queue, TimeSpan.FromSeconds(30));
            await app.Function<DeliverAlertFunction>().RunAsync(retry, CancellationToken.None);
        }

        Assert.Equal(2, webhook.Requests.Count);
        Assert.Single(webhook.DeliveryIds.Distinct());
        var delivery = await app.Store.Deliveries.GetAsync(Tenancy.DefaultTenant, Triggers.Delivery(message).DeliveryId, CancellationToken.None);
        Assert.Equal((DeliveryStatus.Delivered, 2), (delivery!.Value.Status, delivery.Value.AttemptCount));
    }

    [Fact]
    public async Task Paused_delivery_sends_nothing_and_leaves_the_delivery_pending_for_the_sweep()
    {
        await using var webhook = await Webhook.StartAsync(204);
        DeliverMessage pending;
        await using (var running = await FunctionsApp.StartAsync(azurite))
        {
            await Catalog.WebhookDeskAsync(running.Store, webhook.Url, Catalog.ZhipuAbove450());
            pending = Triggers.Delivery(await EvaluateAsync(running, Catalog.Tick(496)));
        }

        await using var paused = await FunctionsApp.StartAsync(azurite, new Dictionary<string, string?> { ["Alerts:DeliveryEnabled"] = "false" });
        await paused.Function<DeliverAlertFunction>().RunAsync(Triggers.Message(pending), CancellationToken.None);

        Assert.Empty(webhook.Requests);
        var delivery = await paused.Store.Deliveries.GetAsync(pending.TenantId, pending.DeliveryId, CancellationToken.None);
        Assert.Equal(DeliveryStatus.Pending, delivery!.Value.Status);
        Assert.Contains(paused.Logs.Entries, e => e.Message.Contains("paused", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"tenantId\":\"default\"}")]
    [InlineData("null")]
    public async Task A_malformed_delivery_message_is_logged_as_an_error_and_completed(string body)
    {
        await using var app = await FunctionsApp.StartAsync(azurite);

        await app.Function<DeliverAlertFunction>().RunAsync(Triggers.Message(body), CancellationToken.None);
        await app.Function<EvaluateEventFunction>().RunAsync(Triggers.Message(body), CancellationToken.None);

        Assert.Equal(2, app.Logs.AtLeast(Microsoft.Extensions.Logging.LogLevel.Error).Count(e => e.Message.Contains("dropped queue message", StringComparison.Ordinal)));
    }

    /// <summary>Pushes a tick through ingest and returns the evaluation it queued.</summary>
    internal static async Task<EvaluateMessage> IngestAsync(FunctionsApp app, MarketEvent marketEvent)
    {
        await app.Function<IngestPricesFunction>().RunAsync(Triggers.Message(Triggers.Json(marketEvent)), CancellationToken.None);
        return Triggers.Evaluation(Assert.Single(await app.DrainAsync(QueueNames.Events)));
    }

    /// <summary>Ingests and evaluates a tick; returns the one delivery message it queued.</summary>
    internal static async Task<QueueMessage> EvaluateAsync(FunctionsApp app, MarketEvent marketEvent)
    {
        var evaluation = await IngestAsync(app, marketEvent);
        await app.Function<EvaluateEventFunction>().RunAsync(Triggers.Message(evaluation), CancellationToken.None);
        return Assert.Single(await app.DrainAsync(QueueNames.Deliveries));
    }
}
