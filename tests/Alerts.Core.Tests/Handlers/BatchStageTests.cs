using System.Collections.Concurrent;
using Alerts.Core.Handlers;
using Alerts.Core.Model;
using Alerts.Core.Notifications;
using Alerts.Core.Ports;
using Alerts.Core.Rules;
using static Alerts.Core.Tests.TestData;

namespace Alerts.Core.Tests.Handlers;

/// <summary>The batch paths the standalone driver runs: same outcomes as one message at a time, one transaction per batch.</summary>
public sealed class BatchStageTests
{
    private static CancellationToken None => CancellationToken.None;

    [Fact]
    public async Task Concurrent_batches_fire_each_rule_exactly_as_its_frequency_allows()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        await pipeline.AddRuleAsync(AnnouncementRule("once", frequency: Frequency.Once), Pipeline.WebhookChannel());
        await pipeline.AddRuleAsync(AnnouncementRule("hourly", frequency: Frequency.Every(TimeSpan.FromHours(1))), Pipeline.WebhookChannel());
        await pipeline.AddRuleAsync(AnnouncementRule("every"), Pipeline.WebhookChannel());
        await pipeline.AddRuleAsync(LevelRule("above-450", 450m), Pipeline.WebhookChannel());
        var events = new List<MarketEvent>();
        for (var i = 0; i < 40; i++)
        {
            var at = Pipeline.Start.AddSeconds(i * 30);
            events.Add(AnnouncementEvent("b" + i, at));
            events.Add(TickEvent("2513.HK", 496m + i, 402m, at));
        }

        var ingested = new List<(EvaluateMessage, MarketEvent?)>();
        await foreach (var (marketEvent, result) in pipeline.Ingest.HandleBatchAsync(events, pipeline.Store.Transactions, chunkSize: 16, None))
        {
            ingested.Add((result.Message!, marketEvent));
        }

        // Four evaluators take batches of up to seven messages from one queue, as lanes do when one subject spans lanes.
        var queue = new ConcurrentQueue<(EvaluateMessage, MarketEvent?)>(ingested);
        var fired = new ConcurrentBag<Alert>();
        var evaluate = pipeline.Evaluate;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var batch = new List<(EvaluateMessage, MarketEvent?)>();
                while (batch.Count < 7 && queue.TryDequeue(out var item))
                {
                    batch.Add(item);
                }

                if (batch.Count == 0)
                {
                    return;
                }

                foreach (var result in await evaluate.HandleBatchAsync(batch, pipeline.Store.Transactions, None))
                {
                    result.Alerts.ToList().ForEach(fired.Add);
                }
            }
        })));

        var stored = await pipeline.Store.Alerts.ListAsync(Tenant, None);
        Assert.Equal(
            new Dictionary<string, int> { ["once"] = 1, ["hourly"] = 1, ["every"] = 40, ["above-450"] = 1 },
            stored.GroupBy(a => a.RuleId).ToDictionary(g => g.Key, g => g.Count()));
        Assert.Equal(stored.Select(a => a.Id).Order(StringComparer.Ordinal), fired.Select(a => a.Id).Order(StringComparer.Ordinal));
        Assert.Empty(await pipeline.WorkAsync(WorkStage.Evaluate));
        Assert.Equal(stored.Count, (await pipeline.WorkAsync(WorkStage.Deliver)).Count);
    }

    [Fact]
    public async Task Events_of_one_rule_and_subject_in_one_batch_see_each_others_state()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        await pipeline.AddRuleAsync(AnnouncementRule("once", frequency: Frequency.Once), Pipeline.WebhookChannel());
        var batch = new List<(EvaluateMessage, MarketEvent?)>();
        foreach (var marketEvent in new[] { AnnouncementEvent("s1", Pipeline.Start), AnnouncementEvent("s2", Pipeline.Start.AddMinutes(1)) })
        {
            batch.Add(((await pipeline.Ingest.HandleAsync(marketEvent, None)).Message!, null));
        }

        var results = await pipeline.Evaluate.HandleBatchAsync(batch, pipeline.Store.Transactions, None);

        Assert.Equal([1, 0], results.Select(r => r.Alerts.Count));
        Assert.Equal((1, 1), await pipeline.CountsAsync());
    }

    [Fact]
    public async Task A_batch_whose_transaction_fails_writes_nothing_and_leaves_its_events_pending()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        await pipeline.AddRuleAsync(AnnouncementRule("every"), Pipeline.WebhookChannel(), Pipeline.EmailChannel());
        var batch = new List<(EvaluateMessage, MarketEvent?)>();
        foreach (var marketEvent in new[] { AnnouncementEvent("f1", Pipeline.Start), AnnouncementEvent("f2", Pipeline.Start) })
        {
            batch.Add(((await pipeline.Ingest.HandleAsync(marketEvent, None)).Message!, marketEvent));
        }

        await Assert.ThrowsAsync<IOException>(() => pipeline.Evaluate.HandleBatchAsync(batch, new FailingAfterWork(pipeline.Store.Transactions), None));

        Assert.Equal((0, 0), await pipeline.CountsAsync());
        Assert.Equal(2, (await pipeline.WorkAsync(WorkStage.Evaluate)).Count);
        Assert.Empty(await pipeline.WorkAsync(WorkStage.Deliver));
        Assert.Null(await pipeline.Store.RuleStates.GetAsync(Tenant, "every", "zhipu", None));
    }

    [Fact]
    public async Task A_batch_of_deliveries_is_sent_and_every_outcome_recorded()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        await pipeline.AddRuleAsync(AnnouncementRule("every"), Pipeline.WebhookChannel());
        var messages = new List<DeliverMessage>();
        for (var i = 0; i < 6; i++)
        {
            messages.AddRange((await pipeline.IngestAndEvaluateAsync(AnnouncementEvent("d" + i, Pipeline.Start))).Deliveries);
        }

        pipeline.Webhook.Then(new DeliveryResult.Retryable(FailureReason.ServerError, "503", 503));
        var items = await DeliverBatch.RunAsync(pipeline.Deliver, [.. messages, messages[0]], pipeline.Store.Transactions, None);

        // The repeat of the first message finds it leased by this batch: busy, and sent once.
        Assert.Equal(6, pipeline.Webhook.Calls.Count);
        Assert.Equal(
            [DeliverOutcome.Delivered, DeliverOutcome.RetryScheduled, DeliverOutcome.Busy],
            items.Select(i => i.Result!.Outcome).Distinct().Order());
        Assert.Equal(5, items.Count(i => i.Result!.Outcome == DeliverOutcome.Delivered));
        foreach (var message in messages)
        {
            Assert.Single(await pipeline.AttemptsAsync(message.DeliveryId));
            Assert.Null((await pipeline.DeliveryAsync(message.DeliveryId)).LeasedUntil);
        }

        var retry = Assert.Single(await pipeline.WorkAsync(WorkStage.Deliver));
        Assert.Equal(items.Single(i => i.Result!.Outcome == DeliverOutcome.RetryScheduled).Result!.Delivery!.NextAttemptAt, retry.DueAt);
    }

    [Fact]
    public async Task Sends_of_a_batch_to_one_endpoint_stay_within_its_limit()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        pipeline.Options = pipeline.Options with { SendsPerEndpoint = 2 };
        await pipeline.AddRuleAsync(AnnouncementRule("every"), Pipeline.WebhookChannel());
        var messages = new List<DeliverMessage>();
        for (var i = 0; i < 8; i++)
        {
            messages.AddRange((await pipeline.IngestAndEvaluateAsync(AnnouncementEvent("l" + i, Pipeline.Start))).Deliveries);
        }

        int inFlight = 0, most = 0;
        var twoAtOnce = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (var i = 0; i < messages.Count; i++)
        {
            pipeline.Webhook.Then(async _ =>
            {
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref most, now);
                if (now == 2)
                {
                    twoAtOnce.TrySetResult();
                }

                // Each send is held until two were in flight together: a limit of one would never get here.
                await twoAtOnce.Task.WaitAsync(TimeSpan.FromSeconds(30));
                Interlocked.Decrement(ref inFlight);
                return new DeliveryResult.Delivered(200);
            });
        }

        var items = await DeliverBatch.RunAsync(pipeline.Deliver, messages, pipeline.Store.Transactions, None);

        Assert.All(items, i => Assert.Equal(DeliverOutcome.Delivered, i.Result!.Outcome));
        Assert.Equal(2, most);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    /// <summary>Runs the work in the real transaction, then fails it as a failed commit would: nothing it wrote may stay.</summary>
    private sealed class FailingAfterWork(IPipelineTransactions inner) : IPipelineTransactions
    {
        public Task<T> RunAsync<T>(Func<PipelineRepositories, Task<T>> work, CancellationToken cancellationToken) =>
            inner.RunAsync<T>(async repositories =>
            {
                await work(repositories);
                throw new IOException("disk full");
            }, cancellationToken);
    }
}
