using Alerts.Core.Handlers;
using Alerts.Core.Model;
using Alerts.Core.Notifications;
using Alerts.Core.Ports;
using static Alerts.Core.Tests.TestData;

namespace Alerts.Core.Tests.Handlers;

/// <summary>The deliver stage with the per-endpoint circuit breaker: waits cost no attempts, a probe decides, other endpoints go on.</summary>
public sealed class DeliverBreakerTests
{
    private static readonly DeliveryResult ServerError = new DeliveryResult.Retryable(FailureReason.ServerError, "HTTP 503", 503);
    private static readonly TimeSpan CoolDown = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task While_the_breaker_is_open_deliveries_wait_without_sending_or_using_an_attempt()
    {
        await using var pipeline = await BreakerPipelineAsync();
        var messages = await PendingDeliveriesAsync(pipeline, 3, Pipeline.WebhookChannel());
        await OpenBreakerAsync(pipeline, messages);
        var openedAt = pipeline.Time.GetUtcNow();

        var held = await pipeline.Deliver.HandleAsync(messages[2], CancellationToken.None);

        Assert.Equal(DeliverOutcome.NotDue, held.Outcome);
        Assert.Equal(2, pipeline.Webhook.Calls.Count);
        var waiting = await pipeline.DeliveryAsync(messages[2].DeliveryId);
        Assert.Equal((DeliveryStatus.Pending, 0, (DateTimeOffset?)null), (waiting.Status, waiting.AttemptCount, waiting.LeasedUntil));
        Assert.Null(waiting.LastError);
        Assert.Equal(openedAt + CoolDown, waiting.NextAttemptAt);
        Assert.Empty(await pipeline.AttemptsAsync(messages[2].DeliveryId));
        Assert.Contains(await pipeline.WorkAsync(WorkStage.Deliver), w => w.Key.EndsWith(messages[2].DeliveryId, StringComparison.Ordinal) && w.DueAt == openedAt + CoolDown);

        // The failed ones come due on their retry schedule but still wait: the breaker, not their schedule, decides.
        pipeline.Time.Advance(TimeSpan.FromSeconds(20));
        var retry = await pipeline.Deliver.HandleAsync(messages[0], CancellationToken.None);
        Assert.Equal(DeliverOutcome.NotDue, retry.Outcome);
        Assert.Equal(1, (await pipeline.DeliveryAsync(messages[0].DeliveryId)).AttemptCount);
        Assert.Single(await pipeline.AttemptsAsync(messages[0].DeliveryId));
    }

    [Fact]
    public async Task A_successful_probe_after_the_cool_down_closes_the_breaker_and_the_rest_follow()
    {
        await using var pipeline = await BreakerPipelineAsync();
        var messages = await PendingDeliveriesAsync(pipeline, 4, Pipeline.WebhookChannel());
        await OpenBreakerAsync(pipeline, messages);
        Assert.Equal(DeliverOutcome.NotDue, (await pipeline.Deliver.HandleAsync(messages[2], CancellationToken.None)).Outcome);

        pipeline.Time.Advance(CoolDown);
        var outcomes = new List<DeliverOutcome>();
        foreach (var message in messages)
        {
            outcomes.Add((await pipeline.Deliver.HandleAsync(message, CancellationToken.None)).Outcome);
        }

        Assert.All(outcomes, o => Assert.Equal(DeliverOutcome.Delivered, o));
        Assert.Equal(6, pipeline.Webhook.Calls.Count);
        var probed = await pipeline.DeliveryAsync(messages[2].DeliveryId);
        Assert.Equal(1, probed.AttemptCount);
        Assert.Equal(AttemptOutcome.Delivered, Assert.Single(await pipeline.AttemptsAsync(messages[2].DeliveryId)).Outcome);
    }

    [Fact]
    public async Task A_failed_probe_reopens_the_breaker_for_longer_and_counts_only_as_the_probe_s_attempt()
    {
        await using var pipeline = await BreakerPipelineAsync();
        var messages = await PendingDeliveriesAsync(pipeline, 4, Pipeline.WebhookChannel());
        await OpenBreakerAsync(pipeline, messages);
        pipeline.Webhook.Then(ServerError);
        pipeline.Time.Advance(CoolDown);

        var probe = await pipeline.Deliver.HandleAsync(messages[2], CancellationToken.None);
        var reopenedAt = pipeline.Time.GetUtcNow();
        var next = await pipeline.Deliver.HandleAsync(messages[3], CancellationToken.None);

        Assert.Equal(DeliverOutcome.RetryScheduled, probe.Outcome);
        Assert.Equal(DeliverOutcome.NotDue, next.Outcome);
        Assert.Equal(reopenedAt + (CoolDown * 2), next.Delivery!.NextAttemptAt);
        Assert.Equal(3, pipeline.Webhook.Calls.Count);
        Assert.Empty(await pipeline.AttemptsAsync(messages[3].DeliveryId));
    }

    public static TheoryData<string, DeliveryResult> AnswersThatDoNotTrip => new()
    {
        { "429", new DeliveryResult.Retryable(FailureReason.RateLimited, "HTTP 429", 429, TimeSpan.FromSeconds(1)) },
        { "400", new DeliveryResult.Permanent(FailureReason.Rejected, "HTTP 400: invalid_payload", 400) },
    };

    [Theory]
    [MemberData(nameof(AnswersThatDoNotTrip))]
    public async Task Rate_limits_and_permanent_answers_do_not_open_the_breaker(string answer, DeliveryResult result)
    {
        await using var pipeline = await BreakerPipelineAsync();
        var messages = await PendingDeliveriesAsync(pipeline, 4, Pipeline.WebhookChannel());
        for (var i = 0; i < 3; i++)
        {
            pipeline.Webhook.Then(result);
        }

        foreach (var message in messages.Take(3))
        {
            await pipeline.Deliver.HandleAsync(message, CancellationToken.None);
        }

        var after = await pipeline.Deliver.HandleAsync(messages[3], CancellationToken.None);

        Assert.True(after.Outcome == DeliverOutcome.Delivered, $"after three {answer} answers the next delivery should still be sent, was {after.Outcome}");
        Assert.Equal(4, pipeline.Webhook.Calls.Count);
    }

    [Fact]
    public async Task Another_endpoint_keeps_delivering_while_one_breaker_is_open()
    {
        await using var pipeline = await BreakerPipelineAsync();
        var down = Pipeline.WebhookChannel("down") with { Target = "https://down.example.test/hook" };
        var up = Pipeline.WebhookChannel("up") with { Target = "https://up.example.test/hook" };
        var messages = await PendingDeliveriesAsync(pipeline, 3, down, up);
        for (var i = 0; i < messages.Count; i++)
        {
            pipeline.Webhook.Then(request => Task.FromResult(request.Channel.Id == "down" ? ServerError : new DeliveryResult.Delivered(200)));
        }

        var results = new List<(string Channel, DeliverOutcome Outcome)>();
        foreach (var message in messages)
        {
            var result = await pipeline.Deliver.HandleAsync(message, CancellationToken.None);
            results.Add((result.Delivery!.ChannelId, result.Outcome));
        }

        Assert.Equal([DeliverOutcome.Delivered, DeliverOutcome.Delivered, DeliverOutcome.Delivered], results.Where(r => r.Channel == "up").Select(r => r.Outcome));
        Assert.Equal([DeliverOutcome.RetryScheduled, DeliverOutcome.RetryScheduled, DeliverOutcome.NotDue], results.Where(r => r.Channel == "down").Select(r => r.Outcome));
    }

    [Fact]
    public async Task Concurrent_workers_at_half_open_send_exactly_one_probe()
    {
        await using var pipeline = await BreakerPipelineAsync();
        var messages = await PendingDeliveriesAsync(pipeline, 7, Pipeline.WebhookChannel());
        await OpenBreakerAsync(pipeline, messages);
        pipeline.Time.Advance(CoolDown);
        var probing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answer = new TaskCompletionSource<DeliveryResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        pipeline.Webhook.Then(_ =>
        {
            probing.SetResult();
            return answer.Task;
        });

        var workers = messages.Skip(2).Select(m => Task.Run(() => pipeline.Deliver.HandleAsync(m, CancellationToken.None))).ToList();
        await probing.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The probe cannot finish before its answer is released, so the first four to finish are the ones the breaker held back.
        var finished = new List<Task<DeliverResult>>();
        while (finished.Count < workers.Count - 1)
        {
            finished.Add(await Task.WhenAny(workers.Except(finished)).WaitAsync(TimeSpan.FromSeconds(30)));
        }

        var probe = Assert.Single(workers.Except(finished));
        var waiters = await Task.WhenAll(finished);
        answer.SetResult(new DeliveryResult.Delivered(200));

        Assert.Equal(DeliverOutcome.Delivered, (await probe).Outcome);
        Assert.All(waiters, w => Assert.Equal(DeliverOutcome.NotDue, w.Outcome));
        Assert.Equal(3, pipeline.Webhook.Calls.Count);
    }

    /// <summary>The first two deliveries fail with 503: the threshold, so the breaker is open from now for <see cref="CoolDown"/>.</summary>
    private static async Task OpenBreakerAsync(Pipeline pipeline, List<DeliverMessage> messages)
    {
        pipeline.Webhook.Then(ServerError).Then(ServerError);
        Assert.Equal(DeliverOutcome.RetryScheduled, (await pipeline.Deliver.HandleAsync(messages[0], CancellationToken.None)).Outcome);
        Assert.Equal(DeliverOutcome.RetryScheduled, (await pipeline.Deliver.HandleAsync(messages[1], CancellationToken.None)).Outcome);
    }

    private static async Task<Pipeline> BreakerPipelineAsync()
    {
        var pipeline = await Pipeline.CreateAsync();
        pipeline.BreakerOptions = new CircuitBreakerOptions { FailureThreshold = 2, CoolDown = CoolDown, MaxCoolDown = TimeSpan.FromMinutes(10) };
        return pipeline;
    }

    /// <summary>One rule subscribed to <paramref name="channels"/>, <paramref name="count"/> filings evaluated: their pending deliveries.</summary>
    private static async Task<List<DeliverMessage>> PendingDeliveriesAsync(Pipeline pipeline, int count, params Channel[] channels)
    {
        await pipeline.AddRuleAsync(AnnouncementRule("r1"), channels);
        var messages = new List<DeliverMessage>();
        for (var i = 0; i < count; i++)
        {
            var evaluated = await pipeline.IngestAndEvaluateAsync(MarketEvent.Of(Announcement($"{2000 + i}", "Prospectus", [Hkex("02513")], at: Pipeline.Start)));
            messages.AddRange(evaluated.Deliveries);
        }

        pipeline.Time.Advance(TimeSpan.FromSeconds(1));
        return messages;
    }
}
