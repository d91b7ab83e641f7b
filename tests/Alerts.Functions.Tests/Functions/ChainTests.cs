using Alerts.Core.Model;
using Alerts.Functions.Extensions;
using Alerts.Functions.Functions;
using Alerts.Functions.Tests.Support;
using Alerts.Testing;

namespace Alerts.Functions.Tests.Functions;

/// <summary>
/// The whole Azure path with real triggers: a timer poll of a loopback HKEX feed puts an evaluation on Azurite's "events"
/// queue; the dequeued message drives EvaluateEvent, whose delivery message drives DeliverAlert, which calls the webhook.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ChainTests(AzuriteStorage azurite) : IAsyncLifetime
{
    public Task InitializeAsync() => azurite.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Poll_evaluate_deliver_reaches_the_webhook_exactly_once_however_often_the_feed_is_polled()
    {
        await using var hkex = await Feeds.HkexAsync();
        await using var webhook = await Webhook.StartAsync(204);
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await FunctionsApp.StartAsync(azurite, clock: clock, overrides: new Dictionary<string, string?>
        {
            ["Alerts:PollSources"] = "true",
            ["Alerts:Sources:0:Name"] = "hkex-lci-en",
            ["Alerts:Sources:0:Kind"] = "hkex-lci",
            ["Alerts:Sources:0:Url"] = hkex.Url("/ncms/json/eds/lcisehk1relsde_1.json").ToString(),
            ["Alerts:Sources:0:Schedule"] = "* * * * * *",
        });
        await Catalog.WebhookDeskAsync(app.Store, webhook.Url, Catalog.MiniMaxAShares());

        await app.Function<PollSourcesFunction>().RunAsync(Triggers.Timer(), CancellationToken.None);
        var evaluations = await app.DrainAsync(QueueNames.Events);
        Assert.NotEmpty(evaluations);
        foreach (var message in evaluations)
        {
            await app.Function<EvaluateEventFunction>().RunAsync(message, CancellationToken.None);
        }

        var deliveries = Assert.Single(await app.DrainAsync(QueueNames.Deliveries));
        await app.Function<DeliverAlertFunction>().RunAsync(deliveries, CancellationToken.None);

        // The feed is polled again on the next tick: everything in it is known, nothing new is queued or sent.
        clock.Advance(TimeSpan.FromSeconds(1));
        await app.Function<PollSourcesFunction>().RunAsync(Triggers.Timer(), CancellationToken.None);

        Assert.Equal(2, hkex.Requests.Count(r => r.PathAndQuery.EndsWith("relsde_1.json", StringComparison.Ordinal))); // each poll reads both languages
        Assert.Empty(await app.DrainAsync(QueueNames.Events));
        Assert.Equal([Triggers.Delivery(deliveries).DeliveryId], webhook.DeliveryIds);
        var delivery = await app.Store.Deliveries.GetAsync(Tenancy.DefaultTenant, Triggers.Delivery(deliveries).DeliveryId, CancellationToken.None);
        Assert.Equal(DeliveryStatus.Delivered, delivery!.Value.Status);
    }
}
