using Alerts.Core.Model;
using Alerts.Core.Rules;
using Alerts.Core.Rules.Market;

namespace Alerts.Benchmarks;

/// <summary>
/// Ticks through everything live evaluation does in memory for them: record the tick in its symbol's history (when a market rule
/// watches it), match, and decide every matched rule from its state (new highs, window moves, A/H spreads, volume spikes, and the
/// older price rules alike). The store's reads and writes are measured by the store benchmark, not here.
/// </summary>
internal static class MarketBenchmark
{
    public static (Run Match, Run Run, long HistoryBytes, int Symbols, long Fired, long HeldBack) Measure(RuleBook book, SyntheticMarket market, int events, double seconds)
    {
        var ticks = market.MarketTicks(Math.Max(events, 50_000));
        var matchOnly = Benchmarks.Measure.Throughput("market ticks matched", ticks, t => book.Match(t).Count, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1));
        var historyBytes = Benchmarks.Measure.RetainedBytes(() => market.SeedHistories(250), m => m, out var memory);
        var states = new Dictionary<(string Tenant, string Rule, string Subject), RuleState>();
        var span = ticks[^1].Time - ticks[0].Time + TimeSpan.FromDays(1);
        long calls = 0, fired = 0, heldBack = 0;

        // The list is cycled: each pass is shifted a little further in time, so ticks keep moving forward as they do live.
        var run = Benchmarks.Measure.Throughput("market ticks", ticks, tick =>
        {
            var pass = calls++ / ticks.Count;
            var shifted = pass == 0 ? tick : tick with { Time = tick.Time + (span * pass) };
            if (book.KeepsHistoryOf(shifted.Symbol))
            {
                memory.Observe(shifted);
            }

            var marketEvent = MarketEvent.Of(shifted);
            var decided = 0;
            foreach (var match in book.Match(marketEvent))
            {
                var key = (match.Rule.TenantId, match.Rule.Id, match.Subject);
                var decision = RuleFiring.Decide(match, states.GetValueOrDefault(key), marketEvent, memory);
                if (decision.StateChanged)
                {
                    states[key] = decision.State;
                }

                fired += decision.Fires ? 1 : 0;
                heldBack += decision.HeldBack ? 1 : 0;
                decided++;
            }

            return decided;
        }, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(seconds));
        var symbols = market.Companies.Sum(c => c.Listings.Count) + 1;
        return (matchOnly, run, historyBytes, symbols, fired, heldBack);
    }
}
