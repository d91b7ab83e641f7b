using Alerts.Core.Handlers;
using Alerts.Core.Model;
using Alerts.Core.Notifications;
using Alerts.Core.Ports;

namespace Alerts.Core.Tests.Handlers;

/// <summary>
/// The standalone driver's in-memory hand-off (<see cref="PipelineOptions.LeaseOnHandOff"/>): evaluation inserts each delivery
/// leased to the message it hands over, so that message sends without a write first, and nobody else may send it meanwhile.
/// </summary>
public sealed class HandOffLeaseTests
{
    private static async Task<(Pipeline Pipeline, DeliverMessage Message)> HandedOffAsync()
    {
        var pipeline = await Pipeline.CreateAsync();
        pipeline.Options = pipeline.Options with { LeaseOnHandOff = true };
        var message = await DeliverTests.OnePendingDeliveryAsync(pipeline, Pipeline.WebhookChannel());
        return (pipeline, message);
    }

    [Fact]
    public async Task Evaluation_inserts_the_delivery_leased_to_the_message_it_hands_over()
    {
        var (pipeline, message) = await HandedOffAsync();
        await using var _ = pipeline;

        var stored = (await pipeline.Store.Deliveries.GetAsync(message.TenantId, message.DeliveryId, CancellationToken.None))!;

        Assert.Equal(Pipeline.Start + pipeline.Options.DeliveryLease, stored.Value.LeasedUntil);
        Assert.Equal(stored.ETag, message.Inserted!.ETag);
        Assert.Equal(DeliveryStatus.Pending, stored.Value.Status);
    }

    [Fact]
    public async Task The_handed_over_message_sends_on_the_row_as_inserted_without_writing_it_first()
    {
        var (pipeline, message) = await HandedOffAsync();
        await using var _ = pipeline;
        string? etagWhileSending = null;
        pipeline.Webhook.Then(async request =>
        {
            etagWhileSending = (await pipeline.Store.Deliveries.GetAsync(request.Delivery.TenantId, request.Delivery.Id, CancellationToken.None))!.ETag;
            return new DeliveryResult.Delivered(200);
        });

        var result = await pipeline.Deliver.HandleAsync(message, CancellationToken.None);

        Assert.Equal(DeliverOutcome.Delivered, result.Outcome);
        Assert.Equal(message.Inserted!.ETag, etagWhileSending);
        var delivery = await pipeline.DeliveryAsync(message.DeliveryId);
        Assert.Equal((DeliveryStatus.Delivered, 1, (DateTimeOffset?)null), (delivery.Status, delivery.AttemptCount, delivery.LeasedUntil));
        Assert.Single(await pipeline.AttemptsAsync(message.DeliveryId));
        Assert.Empty(await pipeline.WorkAsync(WorkStage.Deliver));
    }

    [Fact]
    public async Task A_copy_of_the_message_without_its_row_finds_the_delivery_busy_and_does_not_send()
    {
        var (pipeline, message) = await HandedOffAsync();
        await using var _ = pipeline;
        var queued = message with { Inserted = null, Alert = null }; // what the sweep or another worker would hold

        var copy = await pipeline.Deliver.HandleAsync(queued, CancellationToken.None);
        var handedOver = await pipeline.Deliver.HandleAsync(message, CancellationToken.None);

        Assert.Equal(DeliverOutcome.Busy, copy.Outcome);
        Assert.Equal(DeliverOutcome.Delivered, handedOver.Outcome);
        Assert.Single(pipeline.Webhook.Calls);
    }

    [Fact]
    public async Task A_hand_off_too_late_to_finish_inside_its_lease_does_not_send_and_the_delivery_goes_out_once_after_it()
    {
        var (pipeline, message) = await HandedOffAsync();
        await using var _ = pipeline;
        // 40 s of a 1 min lease have gone: a 30 s send could outlive it, so the carried lease is not trusted.
        pipeline.Time.Advance(TimeSpan.FromSeconds(40));

        var late = await pipeline.Deliver.HandleAsync(message, CancellationToken.None);

        Assert.Equal(DeliverOutcome.Busy, late.Outcome);
        Assert.Empty(pipeline.Webhook.Calls);
        var work = Assert.Single(await pipeline.WorkAsync(WorkStage.Deliver));
        Assert.Equal(Pipeline.Start + pipeline.Options.DeliveryLease, work.DueAt);

        pipeline.Time.Advance(TimeSpan.FromSeconds(21));
        var sweep = await pipeline.RetryDue.HandleAsync(everything: false, CancellationToken.None);
        var resent = Assert.Single(sweep.Deliveries);
        var result = await pipeline.Deliver.HandleAsync(resent, CancellationToken.None);

        Assert.Equal(DeliverOutcome.Delivered, result.Outcome);
        Assert.Single(pipeline.Webhook.Calls);
        Assert.Single(await pipeline.AttemptsAsync(message.DeliveryId));
    }

    [Fact]
    public async Task A_hand_off_lost_in_a_crash_is_sent_once_by_the_sweep_after_the_redelivery_grace()
    {
        var (pipeline, message) = await HandedOffAsync();
        await using var _ = pipeline;

        pipeline.Time.Advance(pipeline.Options.RedeliveryGrace);
        var sweep = await pipeline.RetryDue.HandleAsync(everything: false, CancellationToken.None);
        var resent = Assert.Single(sweep.Deliveries);
        var result = await pipeline.Deliver.HandleAsync(resent, CancellationToken.None);

        Assert.Equal(message.DeliveryId, resent.DeliveryId);
        Assert.Equal(DeliverOutcome.Delivered, result.Outcome);
        Assert.Single(pipeline.Webhook.Calls);
    }

    [Fact]
    public async Task A_delivery_leased_by_a_process_that_ended_before_this_one_took_the_store_over_is_sent_at_once()
    {
        var (pipeline, message) = await HandedOffAsync();
        await using var _ = pipeline;
        pipeline.Time.Advance(TimeSpan.FromSeconds(5)); // the old process died with the hand-off queued; this one starts
        var recovered = message with { Inserted = null, Alert = null, StoreOwnedSince = pipeline.Time.GetUtcNow() };

        var result = await pipeline.Deliver.HandleAsync(recovered, CancellationToken.None);

        Assert.Equal(DeliverOutcome.Delivered, result.Outcome);
        Assert.Single(pipeline.Webhook.Calls);
    }

    [Fact]
    public async Task A_lease_granted_after_this_process_took_the_store_over_is_still_waited_out()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        pipeline.Options = pipeline.Options with { LeaseOnHandOff = true };
        var ownedSince = pipeline.Time.GetUtcNow();
        pipeline.Time.Advance(TimeSpan.FromSeconds(5));
        var message = await DeliverTests.OnePendingDeliveryAsync(pipeline, Pipeline.WebhookChannel()); // handed off by this process
        var recovered = message with { Inserted = null, Alert = null, StoreOwnedSince = ownedSince };

        var result = await pipeline.Deliver.HandleAsync(recovered, CancellationToken.None);

        Assert.Equal(DeliverOutcome.Busy, result.Outcome);
        Assert.Empty(pipeline.Webhook.Calls);
    }

    [Fact]
    public async Task A_second_copy_of_a_hand_off_in_one_batch_finds_the_delivery_busy_and_it_is_sent_once()
    {
        var (pipeline, message) = await HandedOffAsync();
        await using var _ = pipeline;

        var items = await DeliverBatch.RunAsync(pipeline.Deliver, [message, message], pipeline.Store.Transactions, CancellationToken.None);

        Assert.Equal([DeliverOutcome.Delivered, DeliverOutcome.Busy], items.Select(i => i.Result!.Outcome));
        Assert.Single(pipeline.Webhook.Calls);
        Assert.Single(await pipeline.AttemptsAsync(message.DeliveryId));
    }

    [Fact]
    public async Task A_batch_of_handed_over_messages_sends_each_once_and_records_every_attempt()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        pipeline.Options = pipeline.Options with { LeaseOnHandOff = true };
        await pipeline.AddRuleAsync(TestData.AnnouncementRule("r1"), Pipeline.WebhookChannel());
        var messages = new List<DeliverMessage>();
        for (var i = 0; i < 5; i++)
        {
            var evaluated = await pipeline.IngestAndEvaluateAsync(
                MarketEvent.Of(TestData.Announcement($"20{i}", "Prospectus", [TestData.Hkex("02513")], at: Pipeline.Start)));
            messages.Add(Assert.Single(evaluated.Deliveries));
        }

        var items = await DeliverBatch.RunAsync(pipeline.Deliver, messages, pipeline.Store.Transactions, CancellationToken.None);

        Assert.All(items, item => Assert.Equal(DeliverOutcome.Delivered, item.Result?.Outcome));
        Assert.Equal(messages.Select(m => m.DeliveryId).Order(), pipeline.Webhook.Calls.Select(c => c.Delivery.Id).Order());
        foreach (var message in messages)
        {
            Assert.Single(await pipeline.AttemptsAsync(message.DeliveryId));
        }

        Assert.Empty(await pipeline.WorkAsync(WorkStage.Deliver));
    }
}
