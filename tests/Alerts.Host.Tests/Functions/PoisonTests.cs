using System.Net;
using System.Text.Json.Nodes;
using Alerts.Core.Model;
using Alerts.Core.Ports;
using Xunit.Abstractions;

namespace Alerts.Host.Tests.AzureFunctions;

/// <summary>
/// Failures answer 500 (Service Bus redelivers); on the message's last delivery (DeliveryCount = the queue's max delivery
/// count) the failure is recorded in the store first, then the 500 lets the message dead-letter. Faults are injected into
/// the SQLite store the handler uses: a corrupt row, or a trigger that refuses writes.
/// </summary>
[Collection(PublishedHandlerCollection.Name)]
public sealed class PoisonTests(PublishedHandler published, ITestOutputHelper output)
{
    private const string MaxDeliveryCount = "5";

    private static Dictionary<string, string?> Settings => new() { ["Alerts__MaxQueueDeliveryCount"] = MaxDeliveryCount };

    [Fact]
    public async Task DeliverAlert_on_the_last_delivery_records_the_delivery_as_dead_lettered_then_answers_500()
    {
        await using var scenario = await Scenario.StartAsync(published, output, withCatalog: true, settings: Settings);
        var deliveryId = await PendingDeliveryAsync(scenario);
        await scenario.ExecuteSqlAsync("UPDATE entities SET data = '{corrupt' WHERE tbl = 'alerts'");
        var body = $"{{\"tenantId\":\"acme\",\"deliveryId\":\"{deliveryId}\"}}";

        var early = await scenario.Handler.InvokeAsync("DeliverAlert", HostPayloads.ServiceBus("DeliverAlert", body, deliveryCount: "1"));
        var store = await scenario.OpenStoreAsync();
        var afterEarly = (await store.Deliveries.GetAsync("acme", deliveryId, CancellationToken.None))!.Value;
        // The failed try left its lease (DeliveryLease, 1 min): until it runs out a redelivery only answers Busy. Expire it.
        await scenario.ExecuteSqlAsync("UPDATE entities SET data = json_set(data, '$.leasedUntil', null) WHERE tbl = 'deliveries'");
        var last = await scenario.Handler.InvokeAsync("DeliverAlert", HostPayloads.ServiceBus("DeliverAlert", body, deliveryCount: JsonValue.Create(int.Parse(MaxDeliveryCount, System.Globalization.CultureInfo.InvariantCulture))));

        Contract.AssertEnvelope(published, "DeliverAlert", early, HttpStatusCode.InternalServerError);
        Assert.Equal(DeliveryStatus.Pending, afterEarly.Status); // not the last try: nothing recorded, Service Bus retries
        Contract.AssertEnvelope(published, "DeliverAlert", last, HttpStatusCode.InternalServerError);
        Assert.Contains(last.Logs, l => l.Contains("recorded as dead-lettered", StringComparison.Ordinal));
        var dead = (await store.Deliveries.GetAsync("acme", deliveryId, CancellationToken.None))!.Value;
        Assert.Equal(DeliveryStatus.DeadLettered, dead.Status);
        Assert.StartsWith("HandlerFailed: the DeliverAlert handler failed on Service Bus delivery 5 of 5", dead.LastError, StringComparison.Ordinal);
        var attempt = Assert.Single(await store.Attempts.ListAsync("acme", deliveryId, CancellationToken.None));
        Assert.Equal(AttemptOutcome.Permanent, attempt.Outcome);
        Assert.Equal(dead.LastError, attempt.Error);
        Assert.Empty(await ContractTests.ToListAsync(store.Work.ListAsync(WorkStage.Deliver, CancellationToken.None)));
    }

    [Fact]
    public async Task EvaluateEvent_on_the_last_delivery_keeps_the_pending_row_logs_the_event_id_and_answers_500()
    {
        await using var scenario = await Scenario.StartAsync(published, output, settings: Settings);
        var pushed = await scenario.Handler.InvokeAsync("PushEvents", HostPayloads.Http("PushEvents", "POST", "events", Contract.Json(Contract.Tick("2513.HK", 120, 100, DateTimeOffset.UtcNow))));
        var message = Assert.Single(pushed.Messages("events"));
        var eventId = (string)message["eventId"]!;
        await scenario.ExecuteSqlAsync("UPDATE entities SET data = '{corrupt' WHERE tbl = 'events'");

        var response = await scenario.Handler.InvokeAsync("EvaluateEvent", HostPayloads.ServiceBus("EvaluateEvent", message.ToJsonString(), deliveryCount: MaxDeliveryCount, messageId: "msg-evaluate"));

        Contract.AssertEnvelope(published, "EvaluateEvent", response, HttpStatusCode.InternalServerError);
        Assert.Contains(response.Logs, l => l.Contains(eventId, StringComparison.Ordinal) && l.Contains("last delivery", StringComparison.Ordinal));
        var store = await scenario.OpenStoreAsync();
        Assert.Equal(eventId, Assert.Single(await ContractTests.ToListAsync(store.Work.ListAsync(WorkStage.Evaluate, CancellationToken.None))).Key);
        await ContractTests.WaitForAsync(() => scenario.Handler.Output.Contains("msg-evaluate", StringComparison.Ordinal));
        Assert.Contains(scenario.Handler.Output.Split('\n'), l => l.StartsWith("ERR ", StringComparison.Ordinal) && l.Contains(eventId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task IngestPrices_failure_answers_500_and_on_the_last_delivery_logs_the_payload_ids()
    {
        await using var scenario = await Scenario.StartAsync(published, output, settings: Settings);
        await scenario.Handler.InvokeAsync("Health", HostPayloads.Http("Health", "GET", "health", null)); // the store is open and migrated
        await scenario.ExecuteSqlAsync("CREATE TRIGGER refuse_events BEFORE INSERT ON entities WHEN NEW.tbl = 'events' BEGIN SELECT RAISE(ABORT, 'injected store failure'); END;");
        var tick = Contract.Tick("2513.HK", 101, 100, DateTimeOffset.UtcNow);

        var early = await scenario.Handler.InvokeAsync("IngestPrices", HostPayloads.ServiceBus("IngestPrices", Contract.Json(tick), deliveryCount: "1"));
        var last = await scenario.Handler.InvokeAsync("IngestPrices", HostPayloads.ServiceBus("IngestPrices", Contract.Json(tick), deliveryCount: MaxDeliveryCount, messageId: "msg-prices"));

        Contract.AssertEnvelope(published, "IngestPrices", early, HttpStatusCode.InternalServerError);
        Assert.Contains(early.Logs, l => l.Contains("Service Bus will redeliver", StringComparison.Ordinal));
        Contract.AssertEnvelope(published, "IngestPrices", last, HttpStatusCode.InternalServerError);
        Assert.Contains(last.Logs, l => l.Contains(tick.Id, StringComparison.Ordinal) && l.Contains("dead-letters", StringComparison.Ordinal));
        await ContractTests.WaitForAsync(() => scenario.Handler.Output.Contains("msg-prices", StringComparison.Ordinal));
        Assert.Contains(scenario.Handler.Output.Split('\n'), l => l.StartsWith("ERR ", StringComparison.Ordinal) && l.Contains("msg-prices", StringComparison.Ordinal) && l.Contains(tick.Id, StringComparison.Ordinal));
    }

    /// <summary>Imported catalog + a pushed tick that fires the rule, evaluated: one pending delivery, not yet attempted.</summary>
    private static async Task<string> PendingDeliveryAsync(Scenario scenario)
    {
        var pushed = await scenario.Handler.InvokeAsync("PushEvents", HostPayloads.Http("PushEvents", "POST", "events", Contract.Json(Contract.Tick("2513.HK", 90, 100, DateTimeOffset.UtcNow))));
        var evaluated = await scenario.Handler.InvokeAsync("EvaluateEvent", HostPayloads.ServiceBus("EvaluateEvent", Assert.Single(pushed.Messages("events")).ToJsonString()));
        return (string)Assert.Single(evaluated.Messages("deliveries"))["deliveryId"]!;
    }
}
