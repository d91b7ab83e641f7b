using Alerts.Core.Handlers;
using Alerts.Core.Model;

namespace Alerts.Core.Rules;

/// <summary>
/// Runs rules over a recorded history in memory, with the same matching and firing logic as live evaluation,
/// and returns the alerts in the order they would have been raised. Nothing is stored or sent.
/// </summary>
public static class Backtest
{
    public static IReadOnlyList<Alert> Run(RuleBook rules, IEnumerable<MarketEvent> history)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(history);
        var states = new Dictionary<(string Tenant, string Rule, string Subject), RuleState>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var raised = new List<Alert>();
        foreach (var marketEvent in history.OrderBy(e => e.OccurredAt))
        {
            if (!seen.Add(marketEvent.Id))
            {
                continue;
            }

            foreach (var match in rules.Match(marketEvent))
            {
                var key = (match.Rule.TenantId, match.Rule.Id, match.Subject);
                var decision = RuleFiring.Decide(match, states.GetValueOrDefault(key), marketEvent);
                states[key] = decision.State;
                if (decision.Fires)
                {
                    raised.Add(AlertFactory.Create(match, marketEvent, marketEvent.OccurredAt));
                }
            }
        }

        return raised;
    }
}
