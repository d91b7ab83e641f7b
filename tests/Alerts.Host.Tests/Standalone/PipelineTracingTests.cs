using System.Diagnostics;
using Alerts.Core.Model;
using Alerts.Core.Notifications;
using Alerts.Core.Rules;
using Alerts.Core.Telemetry;
using Alerts.Host.Composition;
using Alerts.Host.Standalone;
using Alerts.Hosting.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Alerts.Host.Tests.Standalone;

/// <summary>The standalone queues carry trace context like the Storage queues do: one pushed event is one trace.</summary>
public sealed class PipelineTracingTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("alerts-trace-").FullName;

    [Fact]
    public async Task One_pushed_event_is_one_trace_from_ingest_through_evaluation_to_its_delivery()
    {
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(AlertsTelemetry.Name).AddInMemoryExporter(spans).Build();
        var settings = new AlertsSettings { DataDirectory = _work };
        var notifier = new RecordingWebhook();
        await using var app = await WebhookDesk.OpenAsync(settings, notifier);
        var pipeline = app.Get<InProcessPipeline>();
        pipeline.Start(deliveryWorkers: 2, deliveryEnabled: true);
        var announced = MarketEvent.Of(Announcement.Create(
            "hkex", "trace-" + Guid.NewGuid().ToString("N"), [new IssuerRef("HKEX", "00700", null)], "Traced announcement", "en", [AnnouncementCategory.Other], "raw", null,
            new DateTimeOffset(2026, 1, 8, 1, 30, 0, TimeSpan.Zero)));
        var id = announced.Id;

        var summary = await pipeline.IngestBatchAsync([announced], CancellationToken.None);
        await pipeline.WhenIdleAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal((1, 0, ""), (summary.Accepted, summary.Duplicates, string.Join("; ", summary.Rejected)));
        Assert.Single(notifier.Sent);
        Activity[] mine;
        lock (spans)
        {
            // Other tests in this assembly may trace at the same time: take the trace of this event's evaluation.
            var evaluate = spans.Single(s => s.OperationName == "EvaluateEvent" && Equals(s.GetTagItem("alerts.event_id"), id));
            mine = [.. spans.Where(s => s.TraceId == evaluate.TraceId)];
        }

        var push = Assert.Single(mine, s => s.OperationName == "PushEvents");
        var evaluation = Assert.Single(mine, s => s.OperationName == "EvaluateEvent");
        var delivery = Assert.Single(mine, s => s.OperationName == "DeliverAlert");
        Assert.Equal(3, mine.Length);
        Assert.Equal(push.SpanId, evaluation.ParentSpanId);
        Assert.Equal(evaluation.SpanId, delivery.ParentSpanId);
        Assert.Equal("Delivered", delivery.GetTagItem("alerts.outcome"));
        Assert.Equal(1, evaluation.GetTagItem("alerts.alert_count"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_work, recursive: true);
    }

    private sealed class RecordingWebhook : INotifier
    {
        public ChannelKind Kind => ChannelKind.Webhook;

        public System.Collections.Concurrent.ConcurrentBag<string> Sent { get; } = [];

        public Task<DeliveryResult> SendAsync(DeliveryRequest request, CancellationToken cancellationToken)
        {
            Sent.Add(request.Delivery.Id);
            return Task.FromResult<DeliveryResult>(new DeliveryResult.Delivered(200));
        }
    }
}
