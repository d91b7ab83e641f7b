using Alerts.Core.Catalog;
using Alerts.Core.Model;
using Alerts.Core.Ports;
using Alerts.Core.Rules;
using Alerts.Core.Tests.Handlers;
using static Alerts.Core.Tests.TestData;

namespace Alerts.Core.Tests.Catalog;

public sealed class StoreCatalogSourceTests
{
    private static StoreCatalogSource Source(Pipeline pipeline, IRuleRepository rules) =>
        new(pipeline.Store.Companies, rules, pipeline.Store.Watchlists, pipeline.Store.Subscriptions, pipeline.Store.Channels, pipeline.Time, TimeSpan.FromHours(1));

    [Fact]
    public async Task A_rule_added_while_the_catalog_was_being_rebuilt_is_seen_by_the_next_evaluation()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        await pipeline.AddRuleAsync(AnnouncementRule("old"), Pipeline.EmailChannel());
        var rules = new StallingRules(pipeline.Store.Rules);
        var source = Source(pipeline, rules);

        var building = source.GetAsync(CancellationToken.None);
        await rules.Reading.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await pipeline.AddRuleAsync(AnnouncementRule("new"), Pipeline.EmailChannel());
        source.Invalidate();
        rules.Release.SetResult();
        var during = await building;
        var after = await source.GetAsync(CancellationToken.None);

        Assert.Equal(1, during.Rules.Count);
        Assert.Equal(2, after.Rules.Count);
    }

    [Fact]
    public async Task Concurrent_readers_and_invalidations_rebuild_one_at_a_time_and_always_get_a_whole_snapshot()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        await pipeline.AddRuleAsync(AnnouncementRule("r1"), Pipeline.EmailChannel());
        var rules = new CountingRules(pipeline.Store.Rules);
        var source = Source(pipeline, rules);

        await Task.WhenAll(Enumerable.Range(0, 16).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                if ((worker + i) % 7 == 0)
                {
                    source.Invalidate();
                }

                var snapshot = await source.GetAsync(CancellationToken.None);
                Assert.Equal(1, snapshot.Rules.Count);
                Assert.Single(snapshot.ChannelsFor(snapshot.Rules.Match(AnnouncementEvent("x" + i, Morning)).Single().Rule));
            }
        })));

        Assert.Equal(1, rules.MaxConcurrentBuilds);
        Assert.InRange(rules.Builds, 1, 16 * 50);
    }

    /// <summary>Reads the rules, then waits to return them until the test lets it: a rebuild caught in the middle.</summary>
    private sealed class StallingRules(IRuleRepository inner) : IRuleRepository
    {
        public TaskCompletionSource Reading { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<IReadOnlyList<Rule>> ListAllAsync(CancellationToken cancellationToken)
        {
            var read = await inner.ListAllAsync(cancellationToken);
            if (Reading.TrySetResult())
            {
                await Release.Task;
            }

            return read;
        }

        public Task<IReadOnlyList<Rule>> ListAsync(string tenantId, CancellationToken cancellationToken) => inner.ListAsync(tenantId, cancellationToken);

        public Task<Rule?> GetAsync(string tenantId, string ruleId, CancellationToken cancellationToken) => inner.GetAsync(tenantId, ruleId, cancellationToken);

        public Task UpsertAsync(Rule rule, CancellationToken cancellationToken) => inner.UpsertAsync(rule, cancellationToken);
    }

    private sealed class CountingRules(IRuleRepository inner) : IRuleRepository
    {
        private int _running;
        private int _max;
        private int _builds;

        public int MaxConcurrentBuilds => Volatile.Read(ref _max);

        public int Builds => Volatile.Read(ref _builds);

        public async Task<IReadOnlyList<Rule>> ListAllAsync(CancellationToken cancellationToken)
        {
            var running = Interlocked.Increment(ref _running);
            Interlocked.Increment(ref _builds);
            int seen;
            while (running > (seen = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, running, seen) != seen)
            {
            }

            try
            {
                await Task.Yield();
                return await inner.ListAllAsync(cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }

        public Task<IReadOnlyList<Rule>> ListAsync(string tenantId, CancellationToken cancellationToken) => inner.ListAsync(tenantId, cancellationToken);

        public Task<Rule?> GetAsync(string tenantId, string ruleId, CancellationToken cancellationToken) => inner.GetAsync(tenantId, ruleId, cancellationToken);

        public Task UpsertAsync(Rule rule, CancellationToken cancellationToken) => inner.UpsertAsync(rule, cancellationToken);
    }
}
