using Alerts.Core.Handlers;
using Alerts.Core.Model;
using Alerts.Core.Ports;
using Alerts.Functions.Functions;
using Alerts.Functions.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Alerts.Functions.Tests.Functions;

/// <summary>
/// What happens to a message the host gives up on (maxDequeueCount failures move it to <c>&lt;queue&gt;-poison</c>): the
/// poison-queue functions record it. The message here is the one the host would move: the same body, dequeued again.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class PoisonTests(AzuriteStorage azurite) : IAsyncLifetime
{
    public Task InitializeAsync() => azurite.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_poisoned_delivery_is_dead_lettered_and_can_be_redelivered_with_the_same_id()
    {
        await using var webhook = await Webhook.StartAsync(204);
        await using var app = await FunctionsApp.StartAsync(azurite);
        await Catalog.WebhookDeskAsync(app.Store, webhook.Url, Catalog.ZhipuAbove450());
        var message = Triggers.Delivery(await DeliveryTests.EvaluateAsync(app, Catalog.Tick(496)));

        await app.Function<PoisonFunctions>().DeliveryPoisonedAsync(Triggers.Message(message), CancellationToken.None);

        var dead = (await app.Store.Deliveries.GetAsync(message.TenantId, message.DeliveryId, CancellationToken.None))!.Value;
        Assert.Equal(DeliveryStatus.DeadLettered, dead.Status);
        Assert.Contains("poison queue", dead.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(await PendingAsync(app, WorkStage.Deliver), item => item.Key.EndsWith(message.DeliveryId, StringComparison.Ordinal));
        Assert.Contains(app.Logs.AtLeast(LogLevel.Error), e => e.Message.Contains(message.DeliveryId, StringComparison.Ordinal));

        // `alerts deliveries redeliver <id>` runs this; the redelivered message then sends under the same webhook-id.
        var (again, problem) = await app.Get<DeadLetterRedelivery>().RedeliverAsync(message.TenantId, message.DeliveryId, CancellationToken.None);
        Assert.Null(problem);
        await app.Function<DeliverAlertFunction>().RunAsync(Triggers.Message(again!), CancellationToken.None);
        Assert.Equal([message.DeliveryId], webhook.DeliveryIds);
    }

    [Fact]
    public async Task A_poisoned_message_for_a_finished_delivery_changes_nothing()
    {
        await using var webhook = await Webhook.StartAsync(204);
        await using var app = await FunctionsApp.StartAsync(azurite);
        await Catalog.WebhookDeskAsync(app.Store, webhook.Url, Catalog.ZhipuAbove450());
        var queued = await DeliveryTests.EvaluateAsync(app, Catalog.Tick(496));
        await app.Function<DeliverAlertFunction>().RunAsync(queued, CancellationToken.None);
        var message = Triggers.Delivery(queued);

        await app.Function<PoisonFunctions>().DeliveryPoisonedAsync(Triggers.Message(message), CancellationToken.None);

        var delivery = (await app.Store.Deliveries.GetAsync(message.TenantId, message.DeliveryId, CancellationToken.None))!.Value;
        Assert.Equal(DeliveryStatus.Delivered, delivery.Status);
    }

    [Fact]
    public async Task A_poisoned_evaluation_stays_pending_for_a_later_sweep_and_is_logged_as_failed()
    {
        await using var app = await FunctionsApp.StartAsync(azurite);
        var evaluation = await DeliveryTests.IngestAsync(app, Catalog.Tick(496));

        await app.Function<PoisonFunctions>().EventPoisonedAsync(Triggers.Message(evaluation), CancellationToken.None);

        var pending = Assert.Single(await PendingAsync(app, WorkStage.Evaluate));
        Assert.Equal(evaluation.EventId, pending.Key);
        Assert.True(pending.DueAt > DateTimeOffset.UtcNow.AddMinutes(30), "pushed out, so the sweep does not cycle it straight back");
        Assert.Contains(app.Logs.AtLeast(LogLevel.Error), e => e.Message.Contains(evaluation.EventId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_poisoned_prices_message_is_logged_with_the_ids_to_push_again()
    {
        await using var app = await FunctionsApp.StartAsync(azurite);
        var tick = Catalog.Tick(496);

        app.Function<PoisonFunctions>().PricesPoisoned(Triggers.Message(Triggers.Json(tick)));
        app.Function<PoisonFunctions>().PricesPoisoned(Triggers.Message("garbage"));

        var errors = app.Logs.AtLeast(LogLevel.Error);
        Assert.Contains(errors, e => e.Message.Contains(tick.Id, StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("(none readable)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unreadable_poisoned_message_is_logged_with_its_body()
    {
        await using var app = await FunctionsApp.StartAsync(azurite);

        await app.Function<PoisonFunctions>().DeliveryPoisonedAsync(Triggers.Message("{\"oops\":1}"), CancellationToken.None);
        await app.Function<PoisonFunctions>().EventPoisonedAsync(Triggers.Message("[]"), CancellationToken.None);

        var errors = app.Logs.AtLeast(LogLevel.Error);
        Assert.Contains(errors, e => e.Message.Contains("deliveries-poison", StringComparison.Ordinal) && e.Message.Contains("{\"oops\":1}", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("events-poison", StringComparison.Ordinal));
    }

    private static async Task<List<WorkItem>> PendingAsync(FunctionsApp app, WorkStage stage)
    {
        var items = new List<WorkItem>();
        await foreach (var item in app.Store.Work.ListAsync(stage, CancellationToken.None))
        {
            items.Add(item);
        }

        return items;
    }
}
