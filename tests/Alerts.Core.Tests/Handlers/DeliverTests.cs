using Alerts.Core.Handlers;
using Alerts.Core.Model;
using Alerts.Core.Notifications;
using Alerts.Core.Ports;
using static Alerts.Core.Tests.TestData;

namespace Alerts.Core.Tests.Handlers;

public sealed class DeliverTests
{
    private static readonly DeliveryResult.Retryable ServerError = new(FailureReason.ServerError, "HTTP 503", 503);

    /// <summary>One rule on Zhipu subscribed to one channel, one filing evaluated: returns the single pending delivery's message.</summary>
    internal static async Task<DeliverMessage> OnePendingDeliveryAsync(Pipeline pipeline, Channel channel)
    {
        await pipeline.AddRuleAsync(AnnouncementRule("r1"), channel);
        var result = await pipeline.IngestAndEvaluateAsync(MarketEvent.Of(Announcement("1001", "Prospectus", [Hkex("02513")], at: Pipeline.Start)));
        return Assert.Single(result.Deliveries);
    }

    [Fact]
    public async Task A_successful_send_is_recorded_as_delivered_with_one_attempt()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        var message = await OnePendingDeliveryAsync(pipeline, Pipeline.WebhookChannel());
        pipeline.Time.Advance(TimeSpan.FromSeconds(3));

        var result = await pipeline.Deliver.HandleAsync(message, CancellationToken.None);

        Assert.Equal(DeliverOutcome.Delivered, result.Outcome);
        var delivery = await pipeline.DeliveryAsync(message.DeliveryId);
        Assert.Equal(DeliveryStatus.Delivered, delivery.Status);
        Assert.Equal(1, delivery.AttemptCount);
        Assert.Equal(pipeline.Time.GetUtcNow(), delivery.DeliveredAt);
        Assert.Null(delivery.LeasedUntil);
        var attempt = Assert.Single(await pipeline.AttemptsAsync(message.DeliveryId));
        Assert.Equal((1, AttemptOutcome.Delivered, 200, (string?)null), (attempt.Number, attempt.Outcome, attempt.StatusCode, attempt.Error));
        var call = Assert.Single(pipeline.Webhook.Calls);
        Assert.Equal(message.DeliveryId, call.Delivery.Id);
        Assert.Equal("r1", call.Alert.RuleId);
        Assert.Empty(pipeline.Email.Calls);
        Assert.Empty(await pipeline.WorkAsync(WorkStage.Deliver));
    }

    [Fact]
    public async Task A_queued_copy_of_a_message_carries_no_alert_and_sends_the_stored_one()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        var message = await OnePendingDeliveryAsync(pipeline, Pipeline.WebhookChannel());
        var json = System.Text.Json.JsonSerializer.Serialize(message, Alerts.Core.Serialization.AlertsJsonContext.Default.DeliverMessage);
        var queued = System.Text.Json.JsonSerializer.Deserialize(json, Alerts.Core.Serialization.AlertsJsonContext.Default.DeliverMessage)!;

        var result = await pipeline.Deliver.HandleAsync(queued, CancellationToken.None);

        var stored = (await pipeline.Store.Alerts.GetAsync("t1", message.Alert!.Id, CancellationToken.None))!;
        Assert.DoesNotContain("headline", json, StringComparison.OrdinalIgnoreCase);
        Assert.Null(queued.Alert);
        Assert.Equal(message, queued);
        Assert.Equal(DeliverOutcome.Delivered, result.Outcome);
        var sent = Assert.Single(pipeline.Webhook.Calls).Alert;
        Assert.Equal((stored.Id, stored.Headline, stored.CreatedAt), (sent.Id, sent.Headline, sent.CreatedAt));
        Assert.Equal((stored.Id, stored.Headline, stored.CreatedAt), (message.Alert.Id, message.Alert.Headline, message.Alert.CreatedAt));
    }

    [Fact]
    public async Task A_message_whose_carried_row_went_stale_reads_the_row_and_does_not_send_again()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        var message = await OnePendingDeliveryAsync(pipeline, Pipeline.WebhookChannel());
        var queued = message with { Inserted = null, Alert = null }; // the copy the sweep would send

        var first = await pipeline.Deliver.HandleAsync(queued, CancellationToken.None);
        var second = await pipeline.Deliver.HandleAsync(message, CancellationToken.None);

        Assert.NotNull(message.Inserted);
        Assert.Equal(DeliverOutcome.Delivered, first.Outcome);
        Assert.Equal(DeliverOutcome.AlreadyFinished, second.Outcome);
        Assert.Single(pipeline.Webhook.Calls);
        Assert.Single(await pipeline.AttemptsAsync(message.DeliveryId));
    }

    [Fact]
    public async Task A_message_whose_carried_row_another_worker_leased_is_busy_and_not_sent()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        var message = await OnePendingDeliveryAsync(pipeline, Pipeline.WebhookChannel());
        var stored = (await pipeline.Store.Deliveries.GetAsync("t1", message.DeliveryId, CancellationToken.None))!;
        await pipeline.Store.Deliveries.TryReplaceAsync(stored.Value with { LeasedUntil = pipeline.Time.GetUtcNow().AddMinutes(1) }, stored.ETag, CancellationToken.None);

        var result = await pipeline.Deliver.HandleAsync(message, CancellationToken.None);

        Assert.Equal(DeliverOutcome.Busy, result.Outcome);
        Assert.Empty(pipeline.Webhook.Calls);
    }

    [Fact]
    public async Task A_successful_attempt_keeps_what_the_far_end_answered()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        var message = await OnePendingDeliveryAsync(pipeline, Pipeline.WebhookChannel());
        pipeline.Webhook.Then(new DeliveryResult.Delivered(200, """{"received":true}"""));

        await pipeline.Deliver.HandleAsync(message, CancellationToken.None);

        var attempt = Assert.Single(await pipeline.AttemptsAsync(message.DeliveryId));
        Assert.Equal((AttemptOutcome.Delivered, """{"received":true}""", (string?)null), (attempt.Outcome, attempt.Response, attempt.Error));
    }

    [Fact]
    public async Task A_duplicate_message_for_a_delivered_delivery_does_not_send_again()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        var message = await OnePendingDeliveryAsync(pipeline, Pipeline.EmailChannel());
        await pipeline.Deliver.HandleAsync(message, CancellationToken.None);

        var duplicate = await pipeline.Deliver.HandleAsync(message, CancellationToken.None);
        var fromAnotherWorker = await pipeline.Deliver.HandleAsync(message with { }, CancellationToken.None);

        Assert.Equal(DeliverOutcome.AlreadyFinished, duplicate.Outcome);
        Assert.Equal(DeliverOutcome.AlreadyFinished, fromAnotherWorker.Outcome);
        Assert.Single(pipeline.Email.Calls);
        Assert.Single(await pipeline.AttemptsAsync(message.DeliveryId));
    }

    [Fact]
    public async Task A_retryable_failure_schedules_the_next_attempt_honouring_retry_after()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        var message = await OnePendingDeliveryAsync(pipeline, Pipeline.WebhookChannel());
        pipeline.Webhook.Then(new DeliveryResult.Retryable(FailureReason.RateLimited, "HTTP 429", 429, RetryAfter: TimeSpan.FromMinutes(10)));
        var failedAt = pipeline.Time.GetUtcNow();

        var result = await pipeline.Deliver.HandleAsync(message, CancellationToken.None);

        Assert.Equal(DeliverOutcome.RetryScheduled, result.Outcome);
        var delivery = await pipeline.DeliveryAsync(message.DeliveryId);
        Assert.Equal(DeliveryStatus.Pending, delivery.Status);
        Assert.Equal(failedAt + TimeSpan.FromMinutes(10), delivery.NextAttemptAt);
        Assert.Equal((1, 429), (delivery.AttemptCount, delivery.LastStatusCode));
        Assert.Contains("RateLimited", delivery.LastError, StringComparison.Ordinal);
        var work = Assert.Single(await pipeline.WorkAsync(WorkStage.Deliver));
        Assert.Equal(delivery.NextAttemptAt, work.DueAt);
        Assert.Equal(AttemptOutcome.Retryable, Assert.Single(await pipeline.AttemptsAsync(message.DeliveryId)).Outcome);
    }

    [Fact]
    public async Task A_delivery_is_not_sent_again_before_its_next_attempt_is_due()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        var message = await OnePendingDeliveryAsync(pipeline, Pipeline.WebhookChannel());
        pipeline.Webhook.Then(ServerError);
        await pipeline.Deliver.HandleAsync(message, CancellationToken.None);
        var due = (await pipeline.DeliveryAsync(message.DeliveryId)).NextAttemptAt;

        pipeline.Time.Set(due - TimeSpan.FromTicks(1));
        var early = await pipeline.Deliver.HandleAsync(message, CancellationToken.None);
        pipeline.Time.Set(due);
        var onTime = await pipeline.Deliver.HandleAsync(message, CancellationToken.None);

        Assert.Equal(DeliverOutcome.NotDue, early.Outcome);
        Assert.Equal(DeliverOutcome.Delivered, onTime.Outcome);
        Assert.Equal(2, pipeline.Webhook.Calls.Count);
        Assert.Equal(Pipeline.Start + pipeline.Schedule.BaseDelay, due);
    }

    [Fact]
    public async Task After_the_last_attempt_a_delivery_is_dead_lettered_with_its_full_history()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        var message = await OnePendingDeliveryAsync(pipeline, Pipeline.WebhookChannel());
        pipeline.Webhook.Then(ServerError).Then(ServerError).Then(ServerError);

        var outcomes = new List<DeliverOutcome>();
        for (var i = 0; i < pipeline.Schedule.MaxAttempts; i++)
        {
            pipeline.Time.Set((await pipeline.DeliveryAsync(message.DeliveryId)).NextAttemptAt);
            outcomes.Add((await pipeline.Deliver.HandleAsync(message, CancellationToken.None)).Outcome);
        }

        Assert.Equal([DeliverOutcome.RetryScheduled, DeliverOutcome.RetryScheduled, DeliverOutcome.DeadLettered], outcomes);
        var delivery = await pipeline.DeliveryAsync(message.DeliveryId);
        Assert.Equal(DeliveryStatus.DeadLettered, delivery.Status);
        Assert.Equal(3, delivery.AttemptCount);
        Assert.Equal([1, 2, 3], (await pipeline.AttemptsAsync(message.DeliveryId)).Select(a => a.Number));
        Assert.All(await pipeline.AttemptsAsync(message.DeliveryId), a => Assert.Equal(503, a.StatusCode));
        Assert.Empty(await pipeline.WorkAsync(WorkStage.Deliver));
        Assert.Equal(DeliverOutcome.AlreadyFinished, (await pipeline.Deliver.HandleAsync(message, CancellationToken.None)).Outcome);
        Assert.Equal(3, pipeline.Webhook.Calls.Count);
    }

    [Fact]
    public async Task Backoff_between_attempts_grows()
    {
        await using var pipeline = await Pipeline.CreateAsync(new RetrySchedule { MaxAttempts = 5, BaseDelay = TimeSpan.FromSeconds(10), Multiplier = 2, JitterRatio = 0 });
        var message = await OnePendingDeliveryAsync(pipeline, Pipeline.WebhookChannel());
        pipeline.Webhook.Then(ServerError).Then(ServerError).Then(ServerError);

        var gaps = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            await pipeline.Deliver.HandleAsync(message, CancellationToken.None);
            var next = (await pipeline.DeliveryAsync(message.DeliveryId)).NextAttemptAt;
            gaps.Add(next - pipeline.Time.GetUtcNow());
            pipeline.Time.Set(next);
        }

        Assert.Equal([TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(40)], gaps);
    }

    [Fact]
    public async Task A_gone_endpoint_dead_letters_at_once_and_disables_the_channel()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        var message = await OnePendingDeliveryAsync(pipeline, Pipeline.WebhookChannel());
        pipeline.Webhook.Then(new DeliveryResult.Permanent(FailureReason.Gone, "channel_is_archived: the Slack channel was archived", 410, DisableEndpoint: true));

        var result = await pipeline.Deliver.HandleAsync(message, CancellationToken.None);

        Assert.Equal(DeliverOutcome.DeadLettered, result.Outcome);
        var channel = await pipeline.Store.Channels.GetAsync(Tenant, "hook", CancellationToken.None);
        Assert.False(channel!.Enabled);
        Assert.Equal("endpoint answered 410: channel_is_archived: the Slack channel was archived", channel.DisabledReason);
        Assert.Equal(AttemptOutcome.Permanent, Assert.Single(await pipeline.AttemptsAsync(message.DeliveryId)).Outcome);

        pipeline.Catalog.Invalidate();
        var next = await pipeline.IngestAndEvaluateAsync(MarketEvent.Of(Announcement("1002", "Prospectus", [Hkex("02513")], at: Pipeline.Start)));
        Assert.Single(next.Alerts);
        Assert.Empty(next.Deliveries);
    }

    [Fact]
    public async Task A_permanent_rejection_dead_letters_without_disabling_the_channel()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        var message = await OnePendingDeliveryAsync(pipeline, Pipeline.WebhookChannel());
        pipeline.Webhook.Then(new DeliveryResult.Permanent(FailureReason.Rejected, "HTTP 400", 400));

        var result = await pipeline.Deliver.HandleAsync(message, CancellationToken.None);

        Assert.Equal(DeliverOutcome.DeadLettered, result.Outcome);
        Assert.True((await pipeline.Store.Channels.GetAsync(Tenant, "hook", CancellationToken.None))!.Enabled);
        Assert.Single(pipeline.Webhook.Calls);
    }

    [Fact]
    public async Task A_transport_exception_from_the_sender_is_recorded_as_a_retryable_attempt()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        var message = await OnePendingDeliveryAsync(pipeline, Pipeline.WebhookChannel());
        pipeline.Webhook.Then(_ => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused"));

        var result = await pipeline.Deliver.HandleAsync(message, CancellationToken.None);

        Assert.Equal(DeliverOutcome.RetryScheduled, result.Outcome);
        var attempt = Assert.Single(await pipeline.AttemptsAsync(message.DeliveryId));
        Assert.Equal(AttemptOutcome.Retryable, attempt.Outcome);
        Assert.Contains("Network", attempt.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sender_that_always_throws_unexpectedly_ends_in_the_dead_letters_instead_of_holding_its_lease()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        var message = await OnePendingDeliveryAsync(pipeline, Pipeline.WebhookChannel());
        for (var i = 0; i < pipeline.Schedule.MaxAttempts; i++)
        {
            pipeline.Webhook.Then(_ => throw new InvalidOperationException("bug in a sender"));
        }

        var outcomes = new List<DeliverOutcome>();
        for (var i = 0; i < pipeline.Schedule.MaxAttempts; i++)
        {
            pipeline.Time.Set((await pipeline.DeliveryAsync(message.DeliveryId)).NextAttemptAt);
            outcomes.Add((await pipeline.Deliver.HandleAsync(message, CancellationToken.None)).Outcome);
        }

        Assert.Equal(DeliverOutcome.DeadLettered, outcomes[^1]);
        Assert.All(outcomes[..^1], o => Assert.Equal(DeliverOutcome.RetryScheduled, o));
        var delivery = await pipeline.DeliveryAsync(message.DeliveryId);
        Assert.Null(delivery.LeasedUntil);
        Assert.Contains("Internal", delivery.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task While_one_worker_holds_the_lease_another_gets_busy_and_does_not_send()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        var message = await OnePendingDeliveryAsync(pipeline, Pipeline.WebhookChannel());
        var sending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource<DeliveryResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        pipeline.Webhook.Then(_ =>
        {
            sending.SetResult();
            return release.Task;
        });

        var first = pipeline.Deliver.HandleAsync(message, CancellationToken.None);
        await sending.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var second = await pipeline.Deliver.HandleAsync(message, CancellationToken.None);
        release.SetResult(new DeliveryResult.Delivered(202));
        var firstResult = await first;

        Assert.Equal(DeliverOutcome.Busy, second.Outcome);
        Assert.Equal(DeliverOutcome.Delivered, firstResult.Outcome);
        Assert.Single(pipeline.Webhook.Calls);
        Assert.Single(await pipeline.AttemptsAsync(message.DeliveryId));
    }

    [Fact]
    public async Task A_lease_left_by_a_crashed_worker_runs_out()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        var message = await OnePendingDeliveryAsync(pipeline, Pipeline.WebhookChannel());
        var current = await pipeline.Store.Deliveries.GetAsync(Tenant, message.DeliveryId, CancellationToken.None);
        await pipeline.Store.Deliveries.TryReplaceAsync(current!.Value with { LeasedUntil = Pipeline.Start + pipeline.Options.DeliveryLease }, current.ETag, CancellationToken.None);

        var whileLeased = await pipeline.Deliver.HandleAsync(message, CancellationToken.None);
        var work = Assert.Single(await pipeline.WorkAsync(WorkStage.Deliver));
        pipeline.Time.Advance(pipeline.Options.DeliveryLease);
        var afterLease = await pipeline.Deliver.HandleAsync(message, CancellationToken.None);

        Assert.Equal(DeliverOutcome.Busy, whileLeased.Outcome);
        Assert.Equal(Pipeline.Start + pipeline.Options.DeliveryLease, work.DueAt);
        Assert.Equal(DeliverOutcome.Delivered, afterLease.Outcome);
    }

    [Fact]
    public async Task A_redelivered_dead_letter_goes_back_to_pending_and_then_delivers_keeping_its_history()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        var message = await OnePendingDeliveryAsync(pipeline, Pipeline.WebhookChannel());
        pipeline.Webhook.Then(new DeliveryResult.Permanent(FailureReason.Rejected, "HTTP 400", 400));
        await pipeline.Deliver.HandleAsync(message, CancellationToken.None);
        pipeline.Time.Advance(TimeSpan.FromHours(1));

        var (redelivery, problem) = await pipeline.Redelivery.RedeliverAsync(Tenant, message.DeliveryId, CancellationToken.None);

        Assert.Null(problem);
        Assert.Equal(message, redelivery);
        var revived = await pipeline.DeliveryAsync(message.DeliveryId);
        Assert.Equal((DeliveryStatus.Pending, 0), (revived.Status, revived.AttemptCount));
        Assert.Single(await pipeline.WorkAsync(WorkStage.Deliver));

        var result = await pipeline.Deliver.HandleAsync(redelivery!, CancellationToken.None);

        Assert.Equal(DeliverOutcome.Delivered, result.Outcome);
        Assert.Equal([AttemptOutcome.Permanent, AttemptOutcome.Delivered], (await pipeline.AttemptsAsync(message.DeliveryId)).Select(a => a.Outcome));
        Assert.Equal(2, pipeline.Webhook.Calls.Count);
    }

    [Fact]
    public async Task Only_dead_letters_can_be_redelivered()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        var message = await OnePendingDeliveryAsync(pipeline, Pipeline.WebhookChannel());

        var pending = await pipeline.Redelivery.RedeliverAsync(Tenant, message.DeliveryId, CancellationToken.None);
        var missing = await pipeline.Redelivery.RedeliverAsync(Tenant, "dl_nope", CancellationToken.None);
        var otherTenant = await pipeline.Redelivery.RedeliverAsync("t2", message.DeliveryId, CancellationToken.None);

        Assert.Null(pending.Message);
        Assert.Contains("Pending", pending.Problem, StringComparison.Ordinal);
        Assert.Null(missing.Message);
        Assert.Null(otherTenant.Message);
    }

    [Fact]
    public async Task A_message_for_an_unknown_delivery_is_dropped()
    {
        await using var pipeline = await Pipeline.CreateAsync();

        var result = await pipeline.Deliver.HandleAsync(new DeliverMessage(Tenant, "dl_missing"), CancellationToken.None);

        Assert.Equal(DeliverOutcome.Missing, result.Outcome);
        Assert.Empty(pipeline.Webhook.Calls);
    }

    [Fact]
    public async Task A_channel_disabled_after_the_delivery_was_created_dead_letters_it_without_sending()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        var message = await OnePendingDeliveryAsync(pipeline, Pipeline.WebhookChannel());
        await pipeline.Store.Channels.UpsertAsync(Pipeline.WebhookChannel() with { Enabled = false }, CancellationToken.None);

        var result = await pipeline.Deliver.HandleAsync(message, CancellationToken.None);

        Assert.Equal(DeliverOutcome.DeadLettered, result.Outcome);
        Assert.Empty(pipeline.Webhook.Calls);
    }
}
