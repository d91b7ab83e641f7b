using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Alerts.Core.Telemetry;
using Alerts.Functions.Extensions;
using Alerts.Functions.Functions;
using Alerts.Functions.Tests.Functions;
using Alerts.Functions.Tests.Support;

namespace Alerts.Functions.Tests.Telemetry;

/// <summary>The spans and metrics an operator sees for one price tick pushed through to a webhook.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TelemetryTests(AzuriteStorage azurite) : IAsyncLifetime, IDisposable
{
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();
    private ActivityListener? _activities;
    private MeterListener? _meters;

    public async Task InitializeAsync()
    {
        await azurite.ResetAsync();
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AlertsTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_activities);
        _meters = new MeterListener { InstrumentPublished = (instrument, listener) => { if (instrument.Meter.Name == AlertsTelemetry.Name) { listener.EnableMeasurementEvents(instrument); } } };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.Start();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _activities?.Dispose();
        _meters?.Dispose();
    }

    [Fact]
    public async Task Each_stage_has_a_span_and_the_counters_follow_the_tick_to_its_delivery()
    {
        await using var webhook = await Webhook.StartAsync(204);
        await using var app = await FunctionsApp.StartAsync(azurite);
        await Catalog.WebhookDeskAsync(app.Store, webhook.Url, Catalog.ZhipuAbove450());
        var tick = Catalog.Tick(496);

        var delivery = await DeliveryTests.EvaluateAsync(app, tick);
        await app.Function<DeliverAlertFunction>().RunAsync(delivery, CancellationToken.None);

        Assert.Equal(["IngestPrices", "EvaluateEvent", "DeliverAlert"], _spans.Select(s => s.OperationName));
        Assert.Equal(tick.Id, _spans.Single(s => s.OperationName == "EvaluateEvent").GetTagItem("alerts.event_id"));
        Assert.Equal("Delivered", _spans.Single(s => s.OperationName == "DeliverAlert").GetTagItem("alerts.outcome"));
        Assert.Equal(1, Sum("alerts.events.ingested"));
        Assert.Equal(1, Sum("alerts.alerts.fired"));
        var attempt = Assert.Single(_measurements, m => m.Instrument == "alerts.deliveries");
        Assert.Equal(("Delivered", "Webhook"), ((string?)attempt.Tags["alerts.outcome"], (string?)attempt.Tags["alerts.channel_kind"]));
        var latency = Assert.Single(_measurements, m => m.Instrument == "alerts.delivery.latency");
        Assert.InRange(latency.Value, 0, 60);
    }

    [Fact]
    public async Task One_tick_is_one_trace_across_the_queue_hops_from_ingest_to_delivery()
    {
        await using var webhook = await Webhook.StartAsync(204);
        await using var app = await FunctionsApp.StartAsync(azurite);
        await Catalog.WebhookDeskAsync(app.Store, webhook.Url, Catalog.ZhipuAbove450());

        // Each message goes through the Azurite queues: the trace context travels in the message body.
        var delivery = await DeliveryTests.EvaluateAsync(app, Catalog.Tick(496));
        Assert.Contains("\"traceparent\":\"00-", delivery.Body.ToString(), StringComparison.Ordinal);
        await app.Function<DeliverAlertFunction>().RunAsync(delivery, CancellationToken.None);

        var ingest = _spans.Single(s => s.OperationName == "IngestPrices");
        var evaluate = _spans.Single(s => s.OperationName == "EvaluateEvent");
        var deliver = _spans.Single(s => s.OperationName == "DeliverAlert");
        Assert.Single(new[] { ingest, evaluate, deliver }.Select(s => s.TraceId).Distinct());
        Assert.Equal(ingest.SpanId, evaluate.ParentSpanId);
        Assert.Equal(evaluate.SpanId, deliver.ParentSpanId);
        Assert.Single(webhook.Requests);
    }

    [Fact]
    public async Task A_message_queued_without_trace_context_is_still_handled_in_a_trace_of_its_own()
    {
        await using var webhook = await Webhook.StartAsync(204);
        await using var app = await FunctionsApp.StartAsync(azurite);
        await Catalog.WebhookDeskAsync(app.Store, webhook.Url, Catalog.ZhipuAbove450());
        var evaluation = await DeliveryTests.IngestAsync(app, Catalog.Tick(496));

        // The body an older version queued: no traceparent. A malformed one is ignored the same way.
        await app.Function<EvaluateEventFunction>().RunAsync(Triggers.Message($$"""{"eventId":"{{evaluation.EventId}}"}"""), CancellationToken.None);
        var delivery = Triggers.Delivery(Assert.Single(await app.DrainAsync(QueueNames.Deliveries)));
        await app.Function<DeliverAlertFunction>().RunAsync(Triggers.Message(delivery with { TraceParent = "00-not-a-trace" }), CancellationToken.None);

        Assert.Single(webhook.Requests);
        var ingest = _spans.Single(s => s.OperationName == "IngestPrices");
        var evaluate = _spans.Single(s => s.OperationName == "EvaluateEvent");
        var deliver = _spans.Single(s => s.OperationName == "DeliverAlert");
        Assert.NotEqual(ingest.TraceId, evaluate.TraceId);
        Assert.Equal(default, evaluate.ParentSpanId);
        Assert.NotEqual(evaluate.TraceId, deliver.TraceId);
        Assert.Equal("Delivered", deliver.GetTagItem("alerts.outcome"));
    }

    private double Sum(string instrument) => _measurements.Where(m => m.Instrument == instrument).Sum(m => m.Value);

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        _measurements.Enqueue((instrument.Name, value, copy));
    }
}
