using Alerts.Core;
using Alerts.Core.Handlers;
using Alerts.Core.Model;
using Alerts.Core.Ports;
using Alerts.Storage.Primitive;
using Alerts.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Alerts.Storage.Tests.Conformance;

/// <summary>Retention on every backend: old history goes, recent history and everything still in flight stays.</summary>
public abstract class RetentionConformance
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 3, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Old = Now.AddDays(-500);
    private static readonly DateTimeOffset Recent = Now.AddDays(-10);

    protected abstract Task<IEntityStore> CreateEntityStoreAsync();

    private static CancellationToken None => CancellationToken.None;

    private async Task<(AlertStore Store, RetentionHandler Handler)> CreateAsync()
    {
        var store = await AlertStore.CreateAsync(await CreateEntityStoreAsync(), None);
        return (store, new RetentionHandler(store.Retention, new RetentionOptions(), new ManualTimeProvider(Now), NullLogger<RetentionHandler>.Instance));
    }

    [Fact]
    public async Task Old_events_go_unless_their_evaluation_is_pending()
    {
        var (store, retention) = await CreateAsync();
        var old = Tick("old", Old);
        var oldPending = Tick("old-pending", Old);
        var recent = Tick("recent", Recent);
        foreach (var marketEvent in new[] { old, oldPending, recent })
        {
            await store.Events.TryAddAsync(marketEvent, None);
        }

        await store.Work.TryAddAsync(new WorkItem(WorkStage.Evaluate, oldPending.Id, Now), None);

        var purged = await retention.HandleAsync(None);

        Assert.Equal(1, purged.Events);
        Assert.Null(await store.Events.GetAsync(old.Id, None));
        Assert.NotNull(await store.Events.GetAsync(oldPending.Id, None));
        Assert.NotNull(await store.Events.GetAsync(recent.Id, None));
    }

    [Fact]
    public async Task Old_alerts_go_with_their_finished_deliveries_and_attempts_but_never_with_a_pending_one()
    {
        var (store, retention) = await CreateAsync();
        var finished = await AlertWithDeliveryAsync(store, "finished", Old, DeliveryStatus.Delivered);
        var deadLettered = await AlertWithDeliveryAsync(store, "dead", Old, DeliveryStatus.DeadLettered);
        var pending = await AlertWithDeliveryAsync(store, "pending", Old, DeliveryStatus.Pending);
        var redelivering = await AlertWithDeliveryAsync(store, "redelivering", Old, DeliveryStatus.DeadLettered);
        await store.Work.PutAsync(new WorkItem(WorkStage.Deliver, WorkItem.DeliveryKey("t1", redelivering.Delivery.Id), Now), None);
        var recent = await AlertWithDeliveryAsync(store, "recent", Recent, DeliveryStatus.Delivered);

        var purged = await retention.HandleAsync(None);

        Assert.Equal((2, 2, 4), (purged.Alerts, purged.Deliveries, purged.Attempts));
        foreach (var gone in new[] { finished, deadLettered })
        {
            Assert.Null(await store.Alerts.GetAsync("t1", gone.Alert.Id, None));
            Assert.Null(await store.Deliveries.GetAsync("t1", gone.Delivery.Id, None));
            Assert.Empty(await store.Attempts.ListAsync("t1", gone.Delivery.Id, None));
        }

        foreach (var kept in new[] { pending, redelivering, recent })
        {
            Assert.NotNull(await store.Alerts.GetAsync("t1", kept.Alert.Id, None));
            Assert.NotNull(await store.Deliveries.GetAsync("t1", kept.Delivery.Id, None));
            Assert.Equal(2, (await store.Attempts.ListAsync("t1", kept.Delivery.Id, None)).Count);
        }
    }

    [Fact]
    public async Task Old_attempts_of_a_finished_delivery_go_and_its_recent_ones_stay()
    {
        var (store, retention) = await CreateAsync();
        // Alerts are kept longer than attempts: a 300-day-old alert stays, the attempts of its delivery older than 180 days go.
        var finished = await AlertWithDeliveryAsync(store, "finished", Now.AddDays(-300), DeliveryStatus.Delivered);
        await store.Attempts.AddAsync(Attempt(finished.Delivery, 3, Recent), None);
        var pending = await AlertWithDeliveryAsync(store, "pending", Now.AddDays(-300), DeliveryStatus.Pending);

        var purged = await retention.HandleAsync(None);

        Assert.Equal((0, 0, 2), (purged.Alerts, purged.Deliveries, purged.Attempts));
        Assert.Equal([3], (await store.Attempts.ListAsync("t1", finished.Delivery.Id, None)).Select(a => a.Number));
        Assert.Equal(2, (await store.Attempts.ListAsync("t1", pending.Delivery.Id, None)).Count);
        Assert.NotNull(await store.Alerts.GetAsync("t1", finished.Alert.Id, None));
    }

    [Fact]
    public async Task A_second_pass_finds_nothing_more()
    {
        var (store, retention) = await CreateAsync();
        await AlertWithDeliveryAsync(store, "finished", Old, DeliveryStatus.Delivered);
        await store.Events.TryAddAsync(Tick("old", Old), None);

        await retention.HandleAsync(None);

        Assert.Equal(PurgeCounts.Zero, await retention.HandleAsync(None));
    }

    [Fact]
    public void Retention_shorter_than_a_day_is_refused()
    {
        var options = new RetentionOptions { Events = TimeSpan.FromHours(1) };

        var error = Assert.Throws<InvalidSettingsException>(options.Validate);

        Assert.Contains("Alerts:Retention:Events", error.Message, StringComparison.Ordinal);
    }

    private static MarketEvent Tick(string symbol, DateTimeOffset at) =>
        MarketEvent.Of(new PriceTick(symbol, 10m, 9m, 100, at, "HKD", "quotes"));

    private static async Task<(Alert Alert, Delivery Delivery)> AlertWithDeliveryAsync(AlertStore store, string name, DateTimeOffset at, DeliveryStatus status)
    {
        var alert = new Alert("t1", "al_" + name, "r1", "Rule", "quotes:" + name, MarketEventKind.PriceTick, null, "Zhipu", name, "", null, [],
            "2513.HK", 10m, 1m, "HKD", at, at);
        var delivery = new Delivery("t1", "dl_" + name, alert.Id, "ch1", ChannelKind.Webhook, status, 2, at, at);
        await store.Alerts.TryAddAsync(alert, None);
        await store.Deliveries.TryAddAsync(delivery, None);
        await store.Attempts.AddAsync(Attempt(delivery, 1, at), None);
        await store.Attempts.AddAsync(Attempt(delivery, 2, at.AddMinutes(1)), None);
        return (alert, delivery);
    }

    private static DeliveryAttempt Attempt(Delivery delivery, int number, DateTimeOffset at) =>
        new(delivery.TenantId, delivery.Id, number, at, number == 1 ? AttemptOutcome.Retryable : AttemptOutcome.Delivered, 200, TimeSpan.FromMilliseconds(20), null);
}
