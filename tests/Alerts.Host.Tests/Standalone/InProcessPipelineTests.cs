using System.Collections.Concurrent;
using Alerts.Core.Model;
using Alerts.Core.Notifications;
using Alerts.Core.Rules;
using Alerts.Host.Composition;
using Alerts.Host.Standalone;
using Alerts.Hosting.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Alerts.Host.Tests.Standalone;

public sealed class InProcessPipelineTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("alerts-pipe-").FullName;

    [Fact]
    public async Task A_full_queue_makes_the_producer_wait_and_every_event_is_delivered_exactly_once()
    {
        const int events = 120;
        var settings = new AlertsSettings { DataDirectory = _work, QueueCapacity = 4, EvaluationWorkers = 2, DeliveryWorkers = 2 };
        var notifier = new SlowWebhook();
        await using var app = await WebhookDesk.OpenAsync(settings, notifier);
        var pipeline = app.Get<InProcessPipeline>();
        notifier.Pipeline = pipeline;
        pipeline.Start(settings.DeliveryWorkers, deliveryEnabled: true);

        var batch = Enumerable.Range(0, events).Select(i => MarketEvent.Of(new Announcement(
            Alerts.Core.Model.Announcement.MakeId("hkex", "a" + i), "hkex", "a" + i, [new IssuerRef("HKEX", (i % 50).ToString("D5", System.Globalization.CultureInfo.InvariantCulture), null)],
            "Announcement " + i, "en", [AnnouncementCategory.Other], "raw", null, new DateTimeOffset(2026, 1, 8, 1, 30, 0, TimeSpan.Zero).AddSeconds(i))));
        var summary = await pipeline.IngestBatchAsync(batch, CancellationToken.None);
        await pipeline.WhenIdleAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(events, summary.Accepted);
        Assert.Equal(events, notifier.Sent.Count);
        Assert.Equal(events, notifier.Sent.Distinct().Count());
        Assert.InRange(notifier.DeepestQueue, 1, settings.QueueCapacity);
        Assert.All(await app.Store.Deliveries.ListAsync("t1", CancellationToken.None), d => Assert.Equal(DeliveryStatus.Delivered, d.Status));
    }

    [Fact]
    public async Task A_send_that_hangs_holds_up_only_itself_the_other_deliveries_are_recorded_meanwhile()
    {
        const int events = 40;
        var settings = new AlertsSettings { DataDirectory = _work, DeliveryWorkers = 8 };
        var notifier = new OneHangingWebhook();
        await using var app = await WebhookDesk.OpenAsync(settings, notifier);
        var pipeline = app.Get<InProcessPipeline>();
        pipeline.Start(settings.DeliveryWorkers, deliveryEnabled: true);

        await pipeline.IngestBatchAsync(Enumerable.Range(0, events).Select(Filing), CancellationToken.None);
        await notifier.Hanging.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var others = await EventuallyAsync(async () =>
        {
            var deliveries = await app.Store.Deliveries.ListAsync("t1", CancellationToken.None);
            return deliveries.Count(d => d.Status == DeliveryStatus.Delivered) == events - 1 ? deliveries : null;
        });

        Assert.False(notifier.HangEnded, "the other deliveries were recorded only once the hanging send had ended");
        Assert.Equal(DeliveryStatus.Pending, Assert.Single(others, d => d.Status != DeliveryStatus.Delivered).Status);
        notifier.Release.SetResult();
        await pipeline.WhenIdleAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(await app.Store.Deliveries.ListAsync("t1", CancellationToken.None), d => Assert.Equal(DeliveryStatus.Delivered, d.Status));
        Assert.Equal(events, notifier.Sent.Distinct().Count());
    }

    private static MarketEvent Filing(int i) => MarketEvent.Of(new Announcement(
        Alerts.Core.Model.Announcement.MakeId("hkex", "h" + i), "hkex", "h" + i, [new IssuerRef("HKEX", (i % 50).ToString("D5", System.Globalization.CultureInfo.InvariantCulture), null)],
        "Announcement " + i, "en", [AnnouncementCategory.Other], "raw", null, new DateTimeOffset(2026, 1, 8, 1, 30, 0, TimeSpan.Zero).AddSeconds(i)));

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 30 s");
            await Task.Delay(50);
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_work, recursive: true);
    }

    /// <summary>Answers at once, except the first send, which hangs until the test releases it.</summary>
    private sealed class OneHangingWebhook : INotifier
    {
        private int _sends;
        private bool _hangEnded;

        public ChannelKind Kind => ChannelKind.Webhook;

        public TaskCompletionSource Hanging { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentBag<string> Sent { get; } = [];

        public bool HangEnded => Volatile.Read(ref _hangEnded);

        public async Task<DeliveryResult> SendAsync(DeliveryRequest request, CancellationToken cancellationToken)
        {
            Sent.Add(request.Delivery.Id);
            if (Interlocked.Increment(ref _sends) == 1)
            {
                Hanging.SetResult();
                try
                {
                    await Release.Task.WaitAsync(cancellationToken);
                }
                finally
                {
                    Volatile.Write(ref _hangEnded, true);
                }
            }

            return new DeliveryResult.Delivered(200);
        }
    }

    /// <summary>A webhook slower than evaluation, so the delivery queue fills; it notes how deep the queue got.</summary>
    private sealed class SlowWebhook : INotifier
    {
        private int _deepest;

        public ChannelKind Kind => ChannelKind.Webhook;

        public InProcessPipeline? Pipeline { get; set; }

        public ConcurrentBag<string> Sent { get; } = [];

        public int DeepestQueue => Volatile.Read(ref _deepest);

        public async Task<DeliveryResult> SendAsync(DeliveryRequest request, CancellationToken cancellationToken)
        {
            var depth = Pipeline!.QueuedDeliveries;
            int seen;
            while (depth > (seen = Volatile.Read(ref _deepest)) && Interlocked.CompareExchange(ref _deepest, depth, seen) != seen)
            {
            }

            Sent.Add(request.Delivery.Id);
            await Task.Yield();
            return new DeliveryResult.Delivered(200);
        }
    }
}
