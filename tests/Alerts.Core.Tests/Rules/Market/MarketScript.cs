using System.Globalization;
using Alerts.Core.Companies;
using Alerts.Core.Model;
using Alerts.Core.Rules;
using Alerts.Core.Rules.Market;

namespace Alerts.Core.Tests.Rules.Market;

/// <summary>
/// Drives ticks through one market rule as live evaluation does: each tick is recorded in the symbol's history first (when the
/// rule book keeps it), then matched and decided, with the state carried forward per subject.
/// </summary>
internal sealed class MarketScript
{
    private readonly RuleBook _book;
    private readonly Dictionary<string, RuleState> _states = [];

    public MarketScript(Rule rule, params Company[] companies)
    {
        _book = RuleBook.Build([rule], [], new CompanyDirectory(companies.Length == 0 ? [TestData.Zhipu] : companies));
        Assert.Empty(_book.Problems);
    }

    public MarketMemory Memory { get; } = new();

    public List<FiringDecision> Decisions { get; } = [];

    public FiringDecision? Last => Decisions.Count == 0 ? null : Decisions[^1];

    /// <summary>Closes of earlier days, oldest first, on consecutive trading days of the symbol's exchange ending the day before <paramref name="today"/>.</summary>
    public void SeedCloses(string symbol, DateTimeOffset today, params decimal[] closes)
    {
        var calendar = Alerts.Core.Rules.Calendars.TradingCalendars.ForSymbol(symbol);
        var day = calendar.TradingDayOf(today);
        Memory.Seed(symbol, closes.Reverse().Select((close, i) => (calendar.TradingDaysBefore(day, i + 1), close)));
    }

    /// <summary>Observes a tick; returns the rule's decision, or null when the rule did not match the tick.</summary>
    public FiringDecision? Tick(string symbol, decimal price, DateTimeOffset at, long volume = 1_000, decimal previousClose = 0, string currency = "HKD")
    {
        var tick = new PriceTick(symbol, price, previousClose, volume, at, currency, "quotes");
        var marketEvent = MarketEvent.Of(tick);
        if (_book.KeepsHistoryOf(symbol))
        {
            Memory.Observe(tick);
        }

        FiringDecision? decision = null;
        foreach (var match in _book.Match(marketEvent))
        {
            decision = RuleFiring.Decide(match, _states.GetValueOrDefault(match.Subject), marketEvent, Memory);
            if (decision.StateChanged)
            {
                _states[match.Subject] = decision.State;
            }

            Decisions.Add(decision);
        }

        return decision;
    }

    /// <summary>Prices one minute apart from <paramref name="start"/>: '!' fired, '.' did not, '-' held back.</summary>
    public string Prices(string symbol, DateTimeOffset start, string prices, TimeSpan? step = null)
    {
        var fired = new System.Text.StringBuilder();
        var at = start;
        foreach (var price in prices.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var decision = Tick(symbol, decimal.Parse(price, CultureInfo.InvariantCulture), at);
            fired.Append(decision is null ? '?' : decision.Fires ? '!' : decision.HeldBack ? '-' : '.');
            at += step ?? TimeSpan.FromMinutes(1);
        }

        return fired.ToString();
    }
}
