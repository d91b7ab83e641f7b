using System.Globalization;
using Alerts.Core.Model;
using Alerts.Core.Rules;

namespace Alerts.Core.Tests.Rules;

/// <summary>
/// Drives events through <see cref="RuleFiring.Decide"/> one after another, carrying the decided state forward exactly as the
/// evaluator stores it (only when the decision says it changed), and reports which events fired as a string: '!' fired, '.' did not.
/// </summary>
internal sealed class FiringScript(Rule rule, string subject, Company? company = null)
{
    public RuleState? State { get; private set; }

    public List<FiringDecision> Decisions { get; } = [];

    public static string Prices(Rule rule, string symbol, decimal previousClose, string prices, DateTimeOffset? start = null)
    {
        var script = new FiringScript(rule, symbol);
        var at = start ?? TestData.Morning;
        var fired = new System.Text.StringBuilder();
        foreach (var price in prices.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            fired.Append(script.Fires(TestData.TickEvent(symbol, decimal.Parse(price, CultureInfo.InvariantCulture), previousClose, at)) ? '!' : '.');
            at += TimeSpan.FromMinutes(1);
        }

        return fired.ToString();
    }

    public bool Fires(MarketEvent marketEvent) => Decide(marketEvent).Fires;

    public FiringDecision Decide(MarketEvent marketEvent)
    {
        var decision = RuleFiring.Decide(new RuleMatch(rule, subject, company), State, marketEvent);
        Decisions.Add(decision);
        if (decision.StateChanged)
        {
            State = decision.State;
        }

        return decision;
    }
}
