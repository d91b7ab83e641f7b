using Alerts.Core.Handlers;
using Alerts.Core.Ports;

namespace Alerts.Core.Tests.Handlers;

public sealed class RetryDueTests
{
    [Fact]
    public async Task The_sweep_returns_due_work_only_and_pushes_it_out_by_the_grace()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        var now = Pipeline.Start;
        await pipeline.Store.Work.PutAsync(new WorkItem(WorkStage.Evaluate, "hkex:due", now.AddSeconds(-1)), CancellationToken.None);
        await pipeline.Store.Work.PutAsync(new WorkItem(WorkStage.Evaluate, "hkex:future", now.AddMinutes(5)), CancellationToken.None);
        await pipeline.Store.Work.PutAsync(new WorkItem(WorkStage.Deliver, WorkItem.DeliveryKey("t1", "dl_due"), now), CancellationToken.None);
        await pipeline.Store.Work.PutAsync(new WorkItem(WorkStage.Deliver, WorkItem.DeliveryKey("t1", "dl_future"), now.AddTicks(1)), CancellationToken.None);

        var swept = await pipeline.RetryDue.HandleAsync(everything: false, CancellationToken.None);

        Assert.Equal([new EvaluateMessage("hkex:due")], swept.Evaluations);
        Assert.Equal([new DeliverMessage("t1", "dl_due")], swept.Deliveries);
        var due = (await pipeline.WorkAsync(WorkStage.Evaluate)).Single(w => w.Key == "hkex:due");
        Assert.Equal(now + pipeline.Options.RedeliveryGrace, due.DueAt);

        var again = await pipeline.RetryDue.HandleAsync(everything: false, CancellationToken.None);
        Assert.Empty(again.Evaluations);
        Assert.Empty(again.Deliveries);
    }

    [Fact]
    public async Task At_start_up_everything_pending_is_enqueued_due_or_not()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        await pipeline.Store.Work.PutAsync(new WorkItem(WorkStage.Evaluate, "hkex:future", Pipeline.Start.AddHours(1)), CancellationToken.None);
        await pipeline.Store.Work.PutAsync(new WorkItem(WorkStage.Deliver, WorkItem.DeliveryKey("t1", "dl_a"), Pipeline.Start.AddHours(6)), CancellationToken.None);
        await pipeline.Store.Work.PutAsync(new WorkItem(WorkStage.Deliver, WorkItem.DeliveryKey("t2", "dl_b"), Pipeline.Start.AddDays(-1)), CancellationToken.None);

        var swept = await pipeline.RetryDue.HandleAsync(everything: true, CancellationToken.None);

        Assert.Equal([new EvaluateMessage("hkex:future")], swept.Evaluations);
        Assert.Equal([new DeliverMessage("t1", "dl_a"), new DeliverMessage("t2", "dl_b")], swept.Deliveries.OrderBy(d => d.TenantId, StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_lost_deliver_message_is_sent_again_by_the_sweep_after_the_grace()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        await pipeline.AddRuleAsync(TestData.AnnouncementRule("r1"), Pipeline.EmailChannel());
        var evaluated = await pipeline.IngestAndEvaluateAsync(Model.MarketEvent.Of(TestData.Announcement("1", "Prospectus", [TestData.Hkex("2513")], at: Pipeline.Start)));
        var lost = Assert.Single(evaluated.Deliveries);

        var tooEarly = await pipeline.RetryDue.HandleAsync(everything: false, CancellationToken.None);
        pipeline.Time.Advance(pipeline.Options.RedeliveryGrace);
        var swept = await pipeline.RetryDue.HandleAsync(everything: false, CancellationToken.None);
        var delivered = await pipeline.Deliver.HandleAsync(Assert.Single(swept.Deliveries), CancellationToken.None);

        Assert.Empty(tooEarly.Deliveries);
        Assert.Equal(lost, swept.Deliveries[0]);
        Assert.Equal(DeliverOutcome.Delivered, delivered.Outcome);
        Assert.Empty(await pipeline.WorkAsync(WorkStage.Deliver));
    }

    [Fact]
    public async Task A_scheduled_retry_is_picked_up_by_the_sweep_when_it_falls_due()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        await pipeline.AddRuleAsync(TestData.AnnouncementRule("r1"), Pipeline.WebhookChannel());
        var evaluated = await pipeline.IngestAndEvaluateAsync(Model.MarketEvent.Of(TestData.Announcement("1", "Prospectus", [TestData.Hkex("2513")], at: Pipeline.Start)));
        pipeline.Webhook.Then(new Core.Notifications.DeliveryResult.Retryable(Core.Notifications.FailureReason.RateLimited, "429", 429, TimeSpan.FromMinutes(30)));
        await pipeline.Deliver.HandleAsync(evaluated.Deliveries[0], CancellationToken.None);

        pipeline.Time.Advance(TimeSpan.FromMinutes(29));
        var before = await pipeline.RetryDue.HandleAsync(everything: false, CancellationToken.None);
        pipeline.Time.Advance(TimeSpan.FromMinutes(1));
        var due = await pipeline.RetryDue.HandleAsync(everything: false, CancellationToken.None);

        Assert.Empty(before.Deliveries);
        Assert.Equal(DeliverOutcome.Delivered, (await pipeline.Deliver.HandleAsync(Assert.Single(due.Deliveries), CancellationToken.None)).Outcome);
    }
}
