using Alerts.Core.Handlers;
using Alerts.Core.Model;
using Alerts.Core.Notifications;
using Alerts.Core.Ports;
using static Alerts.Core.Tests.TestData;

namespace Alerts.Core.Tests.Handlers;

/// <summary>A worker whose lease ran out mid-send never removes or overwrites what another worker now owns.</summary>
public sealed class DeliverOwnershipTests
{
    /// <summary>Starts a send that blocks until the returned source is completed; the lease then runs out and a second worker takes over.</summary>
    private static async Task<(Task<DeliverResult> Late, TaskCompletionSource<DeliveryResult> Release)> StartStalledSendAsync(Pipeline pipeline, DeliverMessage message)
    {
        var sending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource<DeliveryResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        pipeline.Webhook.Then(_ =>
        {
            sending.SetResult();
            return release.Task;
        });
        var late = pipeline.Deliver.HandleAsync(message, CancellationToken.None);
        await sending.Task.WaitAsync(TimeSpan.FromSeconds(30));
        pipeline.Time.Advance(pipeline.Options.DeliveryLease + TimeSpan.FromSeconds(1));
        return (late, release);
    }

    [Fact]
    public async Task A_late_worker_keeps_its_hands_off_the_retry_another_worker_scheduled()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        var message = await DeliverTests.OnePendingDeliveryAsync(pipeline, Pipeline.WebhookChannel());
        var (late, release) = await StartStalledSendAsync(pipeline, message);

        pipeline.Webhook.Then(new DeliveryResult.Retryable(FailureReason.ServerError, "HTTP 503", 503));
        var takeover = await pipeline.Deliver.HandleAsync(message, CancellationToken.None);
        pipeline.Time.Advance(TimeSpan.FromSeconds(1));
        release.SetResult(new DeliveryResult.Delivered(200));
        var lateResult = await late;

        Assert.Equal(DeliverOutcome.RetryScheduled, takeover.Outcome);
        Assert.Equal(DeliverOutcome.LeaseLost, lateResult.Outcome);
        var delivery = await pipeline.DeliveryAsync(message.DeliveryId);
        Assert.Equal((DeliveryStatus.Pending, takeover.Delivery!.NextAttemptAt), (delivery.Status, delivery.NextAttemptAt));
        var work = Assert.Single(await pipeline.WorkAsync(WorkStage.Deliver));
        Assert.Equal(delivery.NextAttemptAt, work.DueAt);
        Assert.Equal(2, (await pipeline.AttemptsAsync(message.DeliveryId)).Count);
    }

    [Fact]
    public async Task A_late_dead_letter_does_not_overwrite_the_delivery_another_worker_delivered()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        var message = await DeliverTests.OnePendingDeliveryAsync(pipeline, Pipeline.WebhookChannel());
        var (late, release) = await StartStalledSendAsync(pipeline, message);

        var takeover = await pipeline.Deliver.HandleAsync(message, CancellationToken.None);
        release.SetResult(new DeliveryResult.Permanent(FailureReason.Rejected, "HTTP 400", 400));
        var lateResult = await late;

        Assert.Equal(DeliverOutcome.Delivered, takeover.Outcome);
        Assert.Equal(DeliverOutcome.LeaseLost, lateResult.Outcome);
        Assert.Equal(DeliveryStatus.Delivered, (await pipeline.DeliveryAsync(message.DeliveryId)).Status);
        Assert.Empty(await pipeline.WorkAsync(WorkStage.Deliver));
    }

    [Fact]
    public async Task A_gone_answer_about_a_channel_its_owner_changed_meanwhile_leaves_the_new_channel_enabled()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        var message = await DeliverTests.OnePendingDeliveryAsync(pipeline, Pipeline.WebhookChannel());
        var moved = Pipeline.WebhookChannel() with { Target = "https://hooks.example.test/new" };
        pipeline.Webhook.Then(async _ =>
        {
            await pipeline.Store.Channels.UpsertAsync(moved, CancellationToken.None);
            return new DeliveryResult.Permanent(FailureReason.Gone, "HTTP 410", 410, DisableEndpoint: true);
        });

        await pipeline.Deliver.HandleAsync(message, CancellationToken.None);

        var channel = await pipeline.Store.Channels.GetAsync(Tenant, "hook", CancellationToken.None);
        Assert.Equal(moved, channel);
    }

    [Fact]
    public async Task A_send_that_hangs_is_cut_off_at_the_send_timeout_and_retried()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        pipeline.Options = pipeline.Options with { SendTimeout = TimeSpan.FromMilliseconds(200) };
        var message = await DeliverTests.OnePendingDeliveryAsync(pipeline, Pipeline.WebhookChannel());
        pipeline.Webhook.Then(async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return new DeliveryResult.Delivered(200);
        });

        var result = await pipeline.Deliver.HandleAsync(message, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(DeliverOutcome.RetryScheduled, result.Outcome);
        Assert.Contains("Timeout", result.Delivery!.LastError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(60, 15, true)]
    [InlineData(20, 15, true)]
    [InlineData(19, 15, false)]
    [InlineData(15, 15, false)]
    [InlineData(10, 30, false)]
    public void The_lease_must_outlast_the_send_timeout(int leaseSeconds, int timeoutSeconds, bool valid)
    {
        var options = new PipelineOptions { DeliveryLease = TimeSpan.FromSeconds(leaseSeconds), SendTimeout = TimeSpan.FromSeconds(timeoutSeconds) };

        var problem = Record.Exception(() => options.Validated());

        Assert.Equal(valid, problem is null);
        if (!valid)
        {
            Assert.Contains("lease", problem!.Message, StringComparison.Ordinal);
        }
    }
}
