using System.Globalization;
using Alerts.Core.Model;
using Alerts.Core.Rules.Market;

namespace Alerts.Core.Rules;

/// <summary>
/// The listing-spread condition: the premium of one listing over another (converted at a live rate), from the latest quote of each
/// leg. A missing or stale quote holds the rule back and says which.
/// </summary>
internal static class SpreadCondition
{
    public static MarketOutcome Evaluate(ListingSpreadRule rule, RuleMatch match, RuleState state, PriceTick tick, IMarketView? market)
    {
        if (match.Company is null || SpreadLegs.Resolve(rule, match.Company) is not { } legs)
        {
            return MarketOutcome.HeldBack(state.Armed, state.Reference, $"{match.Subject} does not have both listings the rule compares");
        }

        var first = QuoteOf(legs.First.Symbol, tick, market);
        var second = QuoteOf(legs.Second.Symbol, tick, market);
        var fx = legs.FxSymbol is { } fxSymbol ? QuoteOf(fxSymbol, tick, market) : null;
        foreach (var (symbol, quote) in new[] { (legs.First.Symbol, first), (legs.Second.Symbol, second) }.Concat(legs.FxSymbol is { } s ? [(s, fx)] : []))
        {
            if (quote is null || quote.Price <= 0)
            {
                return MarketOutcome.HeldBack(state.Armed, state.Reference, $"no quote of {symbol}");
            }

            if (tick.Time - quote.At > rule.MaxQuoteAge)
            {
                return MarketOutcome.HeldBack(state.Armed, state.Reference,
                    $"the quote of {symbol} from {quote.At:yyyy-MM-dd HH:mm:ss zzz} is older than {rule.MaxQuoteAge:c}");
            }
        }

        var rate = fx is null ? 1m : legs.InvertFx ? 1m / fx.Price : fx.Price;
        var premium = ((first!.Price / (second!.Price * rate)) - 1m) * 100m;
        var quotes = new SpreadQuotes(legs, first, second, fx is null ? null : rate, premium);

        if (rule.MovePoints is { } points)
        {
            if (state.Reference is not { } reference)
            {
                return new MarketOutcome(false, state.Armed, premium, null, "first spread observed: it is the reference", null);
            }

            var moved = premium - reference;
            return Math.Abs(moved) >= points
                ? new MarketOutcome(true, true, reference, premium, "condition met",
                    $"{quotes.Name} {quotes.Premium}% (moved {Shown.Percent(moved)} points from {Math.Round(reference, 1).ToString("0.0", CultureInfo.InvariantCulture)}%, threshold {Shown.Number(points)}): {quotes}")
                : new MarketOutcome(false, true, reference, null, "condition not met", null);
        }

        var level = rule.Level ?? 0m;
        var above = rule.Direction == CrossDirection.Above;
        var crossed = above ? premium >= level : premium <= level;
        var back = above ? premium <= level - rule.HysteresisPoints : premium >= level + rule.HysteresisPoints;
        return MarketOutcome.Edge(crossed, state.Armed || (!crossed && back), state.Reference, (quotes, level), static v =>
            $"{v.quotes.Name} {v.quotes.Premium}% (threshold {Shown.Number(v.level)}%): {v.quotes}");
    }

    /// <summary>The words for both quotes and the rate: "688xxx.SS CNY … vs 2513.HK HKD … at 0.92".</summary>
    private sealed record SpreadQuotes(SpreadLegs Legs, Quote First, Quote Second, decimal? Rate, decimal Value)
    {
        public string Name => Legs.IsAOverH ? "A-share premium" : $"{Legs.First.Symbol} premium over {Legs.Second.Symbol}";

        public string Premium => Math.Round(Value, 1).ToString("0.0", CultureInfo.InvariantCulture);

        public override string ToString() =>
            $"{Legs.First.Symbol} {First.Currency} {Shown.Money(First.Price)} vs {Legs.Second.Symbol} {Second.Currency} {Shown.Money(Second.Price)}"
            + (Rate is { } rate ? $" at {rate.ToString("0.####", CultureInfo.InvariantCulture)}" : "");
    }

    private static Quote? QuoteOf(string symbol, PriceTick tick, IMarketView? market) =>
        symbol.Equals(tick.Symbol, StringComparison.OrdinalIgnoreCase)
            ? new Quote(tick.Symbol, tick.Price, tick.Currency, tick.Time)
            : market?.History(symbol)?.Latest;
}
