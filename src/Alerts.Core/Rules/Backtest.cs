using Alerts.Core.Handlers;
using Alerts.Core.Model;
using Alerts.Core.Rules.Market;

namespace Alerts.Core.Rules;

/// <summary>A rule that could not be decided on some ticks, and why ("held back: the quote of 2513.HK … is older than …").</summary>
public sealed record HeldBackNote(DateTimeOffset At, string RuleId, string Subject, string Reason);

/// <summary>The alerts a history would have raised, in order, and each change of held-back reason per rule and subject.</summary>
public sealed record BacktestResult(IReadOnlyList<Alert> Alerts, IReadOnlyList<HeldBackNote> HeldBack);

/// <summary>
/// Runs rules over a recorded history in memory, with the same matching and firing logic as live evaluation, and returns the
/// alerts in the order they would have been raised. Ticks feed an in-memory <see cref="MarketMemory"/> exactly as live
/// evaluation feeds the stored histories (before deciding), so the market rules decide as they did live. Nothing is stored or sent.
/// </summary>
public static class Backtest
{
    public static IReadOnlyList<Alert> Run(RuleBook rules, IEnumerable<MarketEvent> history, MarketMemory? market = null) =>
        Explain(rules, history, market).Alerts;

    public static BacktestResult Explain(RuleBook rules, IEnumerable<MarketEvent> history, MarketMemory? market = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(history);
        market ??= new MarketMemory();
        var states = new Dictionary<(string Tenant, string Rule, string Subject), RuleState>();
        var lastReasons = new Dictionary<(string Tenant, string Rule, string Subject), string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var raised = new List<Alert>();
        var heldBack = new List<HeldBackNote>();
        foreach (var marketEvent in history.OrderBy(e => e.OccurredAt))
        {
            if (!seen.Add(marketEvent.Id))
            {
                continue;
            }

            if (marketEvent.Tick is { } tick && rules.KeepsHistoryOf(tick.Symbol))
            {
                market.Observe(tick);
            }

            foreach (var match in rules.Match(marketEvent))
            {
                var key = (match.Rule.TenantId, match.Rule.Id, match.Subject);
                var decision = RuleFiring.Decide(match, states.GetValueOrDefault(key), marketEvent, market);
                states[key] = decision.State;
                if (decision.HeldBack && lastReasons.GetValueOrDefault(key) != decision.Reason)
                {
                    heldBack.Add(new HeldBackNote(marketEvent.OccurredAt, match.Rule.Id, match.Subject, decision.Reason));
                }

                lastReasons[key] = decision.Reason;
                if (decision.Fires)
                {
                    raised.Add(AlertFactory.Create(match, marketEvent, marketEvent.OccurredAt, decision.Explanation));
                }
            }
        }

        return new BacktestResult(raised, heldBack);
    }
}
