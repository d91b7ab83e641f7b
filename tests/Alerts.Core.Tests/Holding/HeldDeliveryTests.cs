using Alerts.Core.Handlers;
using Alerts.Core.Holding;
using Alerts.Core.Model;
using Alerts.Core.Ports;
using Alerts.Core.Tests.Handlers;
using static Alerts.Core.Tests.TestData;

namespace Alerts.Core.Tests.Holding;

/// <summary>Quiet hours and digests through the real handlers on SQLite. Pipeline.Start is 09:30 in Hong Kong.</summary>
public sealed class HeldDeliveryTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    /// <summary>Quiet until 12:00 Hong Kong time, two and a half hours after the pipeline's start.</summary>
    private static readonly QuietHours MorningQuiet = new("00:00", "12:00");

    private static async Task SubscribeAsync(Pipeline pipeline, Channel channel, QuietHours? quiet = null, DigestSchedule? digest = null)
    {
        await pipeline.AddRuleAsync(AnnouncementRule("r1"), channel);
        await pipeline.Store.Subscriptions.UpsertAsync(
            new Subscription(Tenant, "sub-r1", "r1", [channel.Id], TimeZone: "Asia/Hong_Kong", QuietHours: quiet, Digest: digest), Ct);
        pipeline.Catalog.Invalidate();
    }

    private static async Task<List<DeliverMessage>> FilingsAsync(Pipeline pipeline, int count)
    {
        var messages = new List<DeliverMessage>();
        for (var i = 0; i < count; i++)
        {
            var title = $"Zhipu filing number {i}";
            var result = await pipeline.IngestAndEvaluateAsync(MarketEvent.Of(Announcement($"f{i}", title, [Hkex("02513")], at: pipeline.Time.GetUtcNow())));
            Assert.Single(result.Alerts);
            messages.AddRange(result.Deliveries);
            pipeline.Time.Advance(TimeSpan.FromMinutes(1));
        }

        return messages;
    }

    private static async Task<List<DeliverResult>> DeliverAllAsync(Pipeline pipeline, IEnumerable<DeliverMessage> messages)
    {
        var results = new List<DeliverResult>();
        foreach (var message in messages)
        {
            results.Add(await pipeline.Deliver.HandleAsync(message, Ct));
        }

        return results;
    }

    [Fact]
    public async Task Alerts_in_quiet_hours_wait_and_arrive_as_one_summary_when_the_window_ends()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        await SubscribeAsync(pipeline, Pipeline.EmailChannel(), MorningQuiet);

        var immediate = await FilingsAsync(pipeline, 3);
        var beforeTheEnd = (await pipeline.RetryDue.HandleAsync(everything: false, Ct)).Deliveries;
        pipeline.Time.Set(new DateTimeOffset(2026, 1, 8, 4, 0, 0, TimeSpan.Zero)); // 12:00 in Hong Kong
        var released = (await pipeline.RetryDue.HandleAsync(everything: false, Ct)).Deliveries;
        await DeliverAllAsync(pipeline, released);
        var againLater = (await pipeline.RetryDue.HandleAsync(everything: false, Ct)).Deliveries;

        Assert.Empty(immediate);
        Assert.Empty(beforeTheEnd);
        var sent = Assert.Single(pipeline.Email.Calls);
        Assert.Equal("3 alerts held during quiet hours (00:00–12:00 Asia/Hong_Kong)", sent.Alert.Headline);
        var lines = sent.Alert.Detail.Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.All(Enumerable.Range(0, 3), i => Assert.Matches($"^• 01-08 09:3{i} .*: Zhipu filing number {i} https://example.test/f{i}$", lines[i]));
        var originals = (await pipeline.Store.Deliveries.ListAsync(Tenant, Ct)).Where(d => d.Id != sent.Delivery.Id).ToList();
        Assert.Equal(3, originals.Count);
        Assert.All(originals, d => Assert.Equal((DeliveryStatus.Summarized, sent.Delivery.Id), (d.Status, d.SummaryDeliveryId)));
        Assert.Equal(DeliveryStatus.Delivered, (await pipeline.DeliveryAsync(sent.Delivery.Id)).Status);
        Assert.Empty(againLater);
        Assert.Empty(await pipeline.WorkAsync(WorkStage.Release));
    }

    [Fact]
    public async Task Held_deliveries_are_visible_as_held_until_the_release_time()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        await SubscribeAsync(pipeline, Pipeline.EmailChannel(), MorningQuiet);

        await FilingsAsync(pipeline, 2);

        var deliveries = await pipeline.Store.Deliveries.ListAsync(Tenant, Ct);
        Assert.Equal(2, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal((DeliveryStatus.Held, new DateTimeOffset(2026, 1, 8, 4, 0, 0, TimeSpan.Zero)), (d.Status, d.NextAttemptAt)));
        Assert.Empty(pipeline.Email.Calls);
    }

    [Fact]
    public async Task A_signed_webhook_gets_each_held_alert_as_itself_with_its_own_webhook_id()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        await SubscribeAsync(pipeline, Pipeline.WebhookChannel(), MorningQuiet);
        await FilingsAsync(pipeline, 3);
        var heldIds = (await pipeline.Store.Deliveries.ListAsync(Tenant, Ct)).Select(d => d.Id).Order().ToList();

        pipeline.Time.Set(new DateTimeOffset(2026, 1, 8, 4, 0, 0, TimeSpan.Zero));
        var released = (await pipeline.RetryDue.HandleAsync(everything: false, Ct)).Deliveries;
        await DeliverAllAsync(pipeline, released);

        Assert.Equal(heldIds, pipeline.Webhook.Calls.Select(c => c.Delivery.Id).Order());
        Assert.Equal(3, (await pipeline.Store.Alerts.ListAsync(Tenant, Ct)).Count); // no summary alert
    }

    [Fact]
    public async Task A_digest_is_cut_into_messages_that_fit_the_platforms()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        await SubscribeAsync(pipeline, Pipeline.EmailChannel(), digest: new DigestSchedule(["18:00"]));
        await FilingsAsync(pipeline, 45);

        pipeline.Time.Set(new DateTimeOffset(2026, 1, 8, 10, 0, 0, TimeSpan.Zero)); // 18:00 in Hong Kong
        await DeliverAllAsync(pipeline, (await pipeline.RetryDue.HandleAsync(everything: false, Ct)).Deliveries);

        var headlines = pipeline.Email.Calls.Select(c => c.Alert.Headline).Order().ToList();
        Assert.Equal(
            ["Digest: 20 alerts (daily at 18:00 Asia/Hong_Kong), part 1 of 3", "Digest: 20 alerts (daily at 18:00 Asia/Hong_Kong), part 2 of 3", "Digest: 5 alerts (daily at 18:00 Asia/Hong_Kong), part 3 of 3"],
            headlines);
        Assert.All(pipeline.Email.Calls, c => Assert.InRange(c.Alert.Detail.Length, 1, SummaryAlert.MaxDetailChars));
        Assert.Equal(45, pipeline.Email.Calls.Sum(c => c.Alert.Detail.Split('\n').Length));
    }

    [Fact]
    public async Task A_release_repeated_after_a_crash_sends_nothing_twice()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        await SubscribeAsync(pipeline, Pipeline.EmailChannel(), MorningQuiet);
        await FilingsAsync(pipeline, 3);
        var batch = Assert.Single(await pipeline.WorkAsync(WorkStage.Release));
        var rows = await pipeline.Store.Held.ListAsync(batch.Key, Ct);
        pipeline.Time.Set(new DateTimeOffset(2026, 1, 8, 4, 0, 0, TimeSpan.Zero));

        var first = await pipeline.Releaser.ReleaseDueAsync(Ct);
        await DeliverAllAsync(pipeline, first);
        // The process died before the batch's rows were removed: they are all still there on the next sweep.
        foreach (var row in rows)
        {
            await pipeline.Store.Held.HoldAsync(row, Ct);
        }

        await pipeline.Store.Work.PutAsync(batch, Ct);
        var second = await pipeline.Releaser.ReleaseDueAsync(Ct);
        await DeliverAllAsync(pipeline, second);

        Assert.Single(pipeline.Email.Calls);
        Assert.Equal(4, (await pipeline.Store.Deliveries.ListAsync(Tenant, Ct)).Count);
        Assert.Empty(await pipeline.WorkAsync(WorkStage.Release));
    }

    [Fact]
    public async Task One_held_alert_is_sent_as_itself_not_as_a_summary()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        await SubscribeAsync(pipeline, Pipeline.EmailChannel(), MorningQuiet);
        await FilingsAsync(pipeline, 1);
        var held = Assert.Single(await pipeline.Store.Deliveries.ListAsync(Tenant, Ct));

        pipeline.Time.Set(new DateTimeOffset(2026, 1, 8, 4, 0, 0, TimeSpan.Zero));
        await DeliverAllAsync(pipeline, (await pipeline.RetryDue.HandleAsync(everything: false, Ct)).Deliveries);

        var sent = Assert.Single(pipeline.Email.Calls);
        Assert.Equal(held.Id, sent.Delivery.Id);
        Assert.EndsWith(": Zhipu filing number 0", sent.Alert.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_quiet_hours_alerts_go_at_once()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        await SubscribeAsync(pipeline, Pipeline.EmailChannel(), new QuietHours("22:00", "07:00"));

        var messages = await FilingsAsync(pipeline, 2);

        Assert.Equal(2, messages.Count);
        Assert.Empty(await pipeline.WorkAsync(WorkStage.Release));
    }
}
