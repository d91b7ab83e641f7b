using System.Collections.Concurrent;
using Alerts.Core.Handlers;
using Alerts.Core.Model;
using Alerts.Core.Ports;
using Alerts.Core.Rules;
using static Alerts.Core.Tests.TestData;

namespace Alerts.Core.Tests.Handlers;

/// <summary>Many evaluators at once (Functions runs many messages in parallel, and scales out): frequencies still hold.</summary>
public sealed class ConcurrentEvaluationTests
{
    private const int Evaluators = 16;
    private const int EventsPerKind = 48;

    [Fact]
    public async Task Sixteen_concurrent_evaluators_fire_each_rule_exactly_as_its_frequency_allows()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        await pipeline.AddRuleAsync(AnnouncementRule("once", frequency: Frequency.Once), Pipeline.WebhookChannel());
        await pipeline.AddRuleAsync(AnnouncementRule("daily", frequency: Frequency.OncePerTradingDay), Pipeline.WebhookChannel());
        await pipeline.AddRuleAsync(AnnouncementRule("hourly", frequency: Frequency.Every(TimeSpan.FromHours(1))), Pipeline.WebhookChannel());
        await pipeline.AddRuleAsync(AnnouncementRule("every"), Pipeline.WebhookChannel());
        await pipeline.AddRuleAsync(LevelRule("above-450", 450m), Pipeline.WebhookChannel());
        await pipeline.AddRuleAsync(MoveRule("jump", 10m, MoveDirection.Up, Frequency.OncePerTradingDay), Pipeline.EmailChannel());

        // Within one trading morning and one cooldown window: every tick is above the level and 23% over the previous close.
        var messages = new List<EvaluateMessage>();
        for (var i = 0; i < EventsPerKind; i++)
        {
            var at = Pipeline.Start.AddSeconds(i * 30);
            foreach (var marketEvent in new[] { AnnouncementEvent("c" + i, at), TickEvent("2513.HK", 496m + i, 402m, at) })
            {
                messages.Add((await pipeline.Ingest.HandleAsync(marketEvent, CancellationToken.None)).Message!);
            }
        }

        pipeline.RuleStatesOverride = new InterleavingStates(pipeline.Store.RuleStates);
        var evaluate = pipeline.Evaluate;
        var queue = new ConcurrentQueue<EvaluateMessage>(messages);
        var fired = new ConcurrentBag<Alert>();
        var deliveries = new ConcurrentBag<DeliverMessage>();
        await Task.WhenAll(Enumerable.Range(0, Evaluators).Select(_ => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var message))
            {
                EvaluateResult result;
                try
                {
                    result = await evaluate.HandleAsync(message, CancellationToken.None);
                }
                catch (InvalidOperationException)
                {
                    // Lost the state race too often: the pending row sends it again, as the sweep would.
                    queue.Enqueue(message);
                    continue;
                }

                result.Alerts.ToList().ForEach(fired.Add);
                result.Deliveries.ToList().ForEach(deliveries.Add);
            }
        })));

        var stored = await pipeline.Store.Alerts.ListAsync(Tenant, CancellationToken.None);
        var perRule = stored.GroupBy(a => a.RuleId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(
            new Dictionary<string, int> { ["once"] = 1, ["daily"] = 1, ["hourly"] = 1, ["every"] = EventsPerKind, ["above-450"] = 1, ["jump"] = 1 },
            perRule);
        Assert.Equal(stored.Select(a => a.Id).Order(StringComparer.Ordinal), fired.Select(a => a.Id).Order(StringComparer.Ordinal));
        Assert.Equal(stored.Count, deliveries.Count);
        Assert.Equal(stored.Count, (await pipeline.Store.Deliveries.ListAsync(Tenant, CancellationToken.None)).Count);
        Assert.Empty(await pipeline.WorkAsync(WorkStage.Evaluate));
        var once = await pipeline.Store.RuleStates.GetAsync(Tenant, "once", "zhipu", CancellationToken.None);
        Assert.Equal(stored.Single(a => a.RuleId == "once").EventId, once!.Value.LastFiredEventId);
    }

    /// <summary>Yields between reading a rule's state and the writes that follow, so evaluators interleave as they do in production.</summary>
    private sealed class InterleavingStates(IRuleStateRepository inner) : IRuleStateRepository
    {
        public async Task<Versioned<RuleState>?> GetAsync(string tenantId, string ruleId, string subject, CancellationToken cancellationToken)
        {
            var state = await inner.GetAsync(tenantId, ruleId, subject, cancellationToken);
            await Task.Yield();
            return state;
        }

        public async Task<bool> TrySaveAsync(RuleState state, string? etag, CancellationToken cancellationToken)
        {
            await Task.Yield();
            return await inner.TrySaveAsync(state, etag, cancellationToken);
        }
    }
}
