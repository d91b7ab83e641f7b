using System.Text.Json.Nodes;
using Alerts.Core.Model;
using Xunit.Abstractions;

namespace Alerts.Host.Tests.AzureFunctions;

/// <summary>
/// The queue hops as the Functions host performs them: one function's Service Bus output becomes the next function's
/// trigger (its message body is the output item's JSON text, delivered JSON-encoded twice), down to a webhook delivered to a
/// loopback receiver. The catalog was imported by <c>alerts import</c> of the same binary into the same store.
/// </summary>
[Collection(PublishedHandlerCollection.Name)]
public sealed class ChainTests(PublishedHandler published, ITestOutputHelper output)
{
    [Fact]
    public async Task PushEvents_to_EvaluateEvent_to_DeliverAlert_delivers_the_alert_to_the_webhook()
    {
        await using var scenario = await Scenario.StartAsync(published, output, withCatalog: true);
        var tick = Contract.Tick("2513.HK", 112, 100, DateTimeOffset.UtcNow);

        var pushed = Contract.AssertEnvelope(published, "PushEvents",
            await scenario.Handler.InvokeAsync("PushEvents", HostPayloads.Http("PushEvents", "POST", "events", Contract.Json(tick))));
        var deliveryId = await EvaluateAndDeliverAsync(scenario, Assert.Single(pushed.Messages("events")), BodyEncoding.Twice);

        var request = Assert.Single(scenario.Sink!.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal(deliveryId, request.Header("webhook-id"));
        Assert.Contains("2513.HK", request.BodyText, StringComparison.Ordinal);
        var store = await scenario.OpenStoreAsync();
        Assert.Equal(DeliveryStatus.Delivered, (await store.Deliveries.GetAsync("acme", deliveryId, CancellationToken.None))!.Value.Status);
    }

    [Theory]
    [InlineData(BodyEncoding.Once)]
    [InlineData(BodyEncoding.Binary)]
    public async Task IngestPrices_to_EvaluateEvent_to_DeliverAlert_delivers_once_even_when_a_message_is_redelivered(BodyEncoding encoding)
    {
        await using var scenario = await Scenario.StartAsync(published, output, withCatalog: true);
        var tick = Contract.Tick("2513.HK", 94, 100, DateTimeOffset.UtcNow);

        var ingested = Contract.AssertEnvelope(published, "IngestPrices",
            await scenario.Handler.InvokeAsync("IngestPrices", HostPayloads.ServiceBus("IngestPrices", Contract.Json(tick), encoding)));
        var deliveryId = await EvaluateAndDeliverAsync(scenario, Assert.Single(ingested.Messages("events")), encoding);

        // Service Bus is at-least-once: the same delivery message again must not send a second webhook.
        var again = Contract.AssertEnvelope(published, "DeliverAlert", await scenario.Handler.InvokeAsync(
            "DeliverAlert", HostPayloads.ServiceBus("DeliverAlert", $"{{\"tenantId\":\"acme\",\"deliveryId\":\"{deliveryId}\"}}", encoding, deliveryCount: "2")));

        Assert.Contains(again.Logs, l => l.EndsWith(": AlreadyFinished", StringComparison.Ordinal));
        Assert.Single(scenario.Sink!.Requests);
    }

    [Fact]
    public async Task The_chain_runs_on_Table_Storage_when_it_is_configured()
    {
        await using var azurite = await AzuriteTables.StartAsync();
        var tenant = "t" + Guid.NewGuid().ToString("N")[..12]; // Azurite may be shared with other tests: own tenant, own feed
        await using var scenario = await Scenario.StartAsync(published, output, withCatalog: true, tenant: tenant, settings: new Dictionary<string, string?>
        {
            ["Alerts__Tables__ConnectionString"] = azurite.ConnectionString,
        });
        var tick = Contract.Tick("2513.HK", 115, 100, DateTimeOffset.UtcNow, source: "feed-" + tenant);

        var health = Contract.AssertEnvelope(published, "Health", await scenario.Handler.InvokeAsync("Health", HostPayloads.Http("Health", "GET", "health", null)));
        var pushed = Contract.AssertEnvelope(published, "PushEvents",
            await scenario.Handler.InvokeAsync("PushEvents", HostPayloads.Http("PushEvents", "POST", "events", Contract.Json(tick))));
        var deliveryId = await EvaluateAndDeliverAsync(scenario, Assert.Single(pushed.Messages("events")), BodyEncoding.Twice, tenant);

        Assert.Equal("tables", (string?)health.Res["body"]!["store"]);
        Assert.Equal(deliveryId, Assert.Single(scenario.Sink!.Requests).Header("webhook-id"));
        Assert.False(File.Exists(scenario.DatabasePath), "the SQLite store must not be used when Tables is configured");
    }

    /// <summary>Feeds an "events" output item to EvaluateEvent and its "deliveries" output item to DeliverAlert; returns the delivery id.</summary>
    private async Task<string> EvaluateAndDeliverAsync(Scenario scenario, JsonObject eventMessage, BodyEncoding encoding, string tenant = "acme")
    {
        var evaluated = Contract.AssertEnvelope(published, "EvaluateEvent",
            await scenario.Handler.InvokeAsync("EvaluateEvent", HostPayloads.ServiceBus("EvaluateEvent", eventMessage.ToJsonString(), encoding)));
        var deliveryMessage = Assert.Single(evaluated.Messages("deliveries"));
        Assert.Equal(tenant, (string?)deliveryMessage["tenantId"]);

        var delivered = Contract.AssertEnvelope(published, "DeliverAlert",
            await scenario.Handler.InvokeAsync("DeliverAlert", HostPayloads.ServiceBus("DeliverAlert", deliveryMessage.ToJsonString(), encoding)));

        Assert.Empty(delivered.Outputs);
        Assert.Contains(delivered.Logs, l => l.EndsWith(": Delivered", StringComparison.Ordinal));
        return (string)deliveryMessage["deliveryId"]!;
    }
}
