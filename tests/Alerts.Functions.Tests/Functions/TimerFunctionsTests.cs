using Alerts.Core.Ports;
using Alerts.Functions.Extensions;
using Alerts.Functions.Functions;
using Alerts.Functions.Tests.Support;
using Alerts.Testing;

namespace Alerts.Functions.Tests.Functions;

/// <summary>PollSources honours each source's own schedule across ticks and instances; RetryDue re-sends what a lost message left.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TimerFunctionsTests(AzuriteStorage azurite) : IAsyncLifetime
{
    public Task InitializeAsync() => azurite.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Each_source_is_polled_when_its_own_schedule_is_due_and_another_instance_agrees()
    {
        await using var fast = await Feeds.HkexAsync();
        await using var hourly = await Feeds.HkexAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Alerts:PollSources"] = "true",
            ["Alerts:Sources:0:Name"] = "every-minute",
            ["Alerts:Sources:0:Kind"] = "hkex-lci",
            ["Alerts:Sources:0:Url"] = fast.Url("/feed.json").ToString(),
            ["Alerts:Sources:0:Schedule"] = "0 * * * * *",
            ["Alerts:Sources:1:Name"] = "hourly",
            ["Alerts:Sources:1:Kind"] = "hkex-lci",
            ["Alerts:Sources:1:Url"] = hourly.Url("/feed.json").ToString(),
            ["Alerts:Sources:1:Schedule"] = "0 0 * * * *",
        };
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 27, 1, 0, 30, TimeSpan.Zero));
        await using (var first = await FunctionsApp.StartAsync(azurite, settings, clock))
        {
            await first.Function<PollSourcesFunction>().RunAsync(Triggers.Timer(), CancellationToken.None); // 01:00:30: never polled, both due
            clock.Advance(TimeSpan.FromSeconds(10));
            await first.Function<PollSourcesFunction>().RunAsync(Triggers.Timer(), CancellationToken.None); // 01:00:40: neither due
        }

        // Another instance (a restart, or scale-out) reads the next poll times from the store.
        await using var second = await FunctionsApp.StartAsync(azurite, settings, clock);
        clock.Advance(TimeSpan.FromSeconds(30));
        await second.Function<PollSourcesFunction>().RunAsync(Triggers.Timer(), CancellationToken.None); // 01:01:10: the minutely one

        Assert.Equal(2, fast.Requests.Count);
        Assert.Single(hourly.Requests);
        var next = new Dictionary<string, DateTimeOffset>();
        await foreach (var item in second.Store.Work.ListAsync(WorkStage.Poll, CancellationToken.None))
        {
            next[item.Key] = item.DueAt;
        }

        Assert.Equal(new DateTimeOffset(2026, 11, 27, 1, 2, 0, TimeSpan.Zero), next["every-minute"]);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 2, 0, 0, TimeSpan.Zero), next["hourly"]);
    }

    [Fact]
    public async Task A_failing_source_is_logged_and_the_healthy_one_is_still_ingested()
    {
        await using var healthy = await Feeds.HkexAsync();
        await using var broken = await LoopbackServer.StartAsync(500, "upstream down");
        await using var app = await FunctionsApp.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Alerts:PollSources"] = "true",
            ["Alerts:Sources:0:Name"] = "broken",
            ["Alerts:Sources:0:Kind"] = "hkex-lci",
            ["Alerts:Sources:0:Url"] = broken.Url("/feed.json").ToString(),
            ["Alerts:Sources:1:Name"] = "healthy",
            ["Alerts:Sources:1:Kind"] = "hkex-lci",
            ["Alerts:Sources:1:Url"] = healthy.Url("/feed.json").ToString(),
        });

        await app.Function<PollSourcesFunction>().RunAsync(Triggers.Timer(), CancellationToken.None);

        Assert.NotEmpty(await app.DrainAsync(QueueNames.Events));
        Assert.Contains(app.Logs.AtLeast(Microsoft.Extensions.Logging.LogLevel.Warning), e => e.Message.Contains("broken", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RetryDue_resends_the_evaluations_and_deliveries_whose_messages_were_lost()
    {
        await using var webhook = await Webhook.StartAsync(204);
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await FunctionsApp.StartAsync(azurite, clock: clock);
        await Catalog.WebhookDeskAsync(app.Store, webhook.Url, Catalog.ZhipuAbove450());
        var lostDelivery = Triggers.Delivery(await DeliveryTests.EvaluateAsync(app, Catalog.Tick(496))); // drained: as if lost
        await DeliveryTests.IngestAsync(app, Catalog.Tick(380, second: 9)); // its evaluation message lost too

        await app.Function<RetryDueFunction>().RunAsync(Triggers.Timer(), CancellationToken.None);
        Assert.Empty(await app.DrainAsync(QueueNames.Events)); // not due yet: the stages may still be working on them

        clock.Advance(TimeSpan.FromMinutes(3)); // past the redelivery grace
        await app.Function<RetryDueFunction>().RunAsync(Triggers.Timer(), CancellationToken.None);

        Assert.Equal([Catalog.Tick(380, second: 9).Id], (await app.DrainAsync(QueueNames.Events)).Select(m => Triggers.Evaluation(m).EventId));
        Assert.Equal([lostDelivery], (await app.DrainAsync(QueueNames.Deliveries)).Select(Triggers.Delivery));
    }

    [Fact]
    public async Task PurgeExpired_deletes_history_past_its_age_and_keeps_what_a_pending_delivery_needs()
    {
        await using var webhook = await Webhook.StartAsync(204);
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await FunctionsApp.StartAsync(azurite, clock: clock);
        await Catalog.WebhookDeskAsync(app.Store, webhook.Url, Catalog.ZhipuAbove450());
        var quiet = Catalog.Tick(380, second: 9);
        var fired = Catalog.Tick(496);
        var pending = Triggers.Delivery(await DeliveryTests.EvaluateAsync(app, fired)); // never sent: stays pending
        var evaluation = await DeliveryTests.IngestAsync(app, quiet);
        await app.Function<EvaluateEventFunction>().RunAsync(Triggers.Message(evaluation), CancellationToken.None); // fires nothing

        clock.Advance(TimeSpan.FromDays(401));
        await app.Function<PurgeExpiredFunction>().RunAsync(Triggers.Timer(), CancellationToken.None);

        Assert.Null(await app.Store.Events.GetAsync(quiet.Id, CancellationToken.None));
        Assert.NotNull(await app.Store.Deliveries.GetAsync(pending.TenantId, pending.DeliveryId, CancellationToken.None));
    }
}
