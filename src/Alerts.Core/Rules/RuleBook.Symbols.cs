namespace Alerts.Core.Rules;

/// <summary>What the quote sources must poll for this book's price rules.</summary>
public sealed partial class RuleBook
{
    /// <summary>
    /// The symbols that price rules active at <paramref name="now"/> watch, directly or through watchlists, in order; a price
    /// rule on every company adds every listing the company directory knows.
    /// </summary>
    public IReadOnlyList<string> PriceSymbols(DateTimeOffset now)
    {
        var symbols = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (symbol, rules) in _bySymbol)
        {
            if (Array.Exists(rules, index => _priceRules[index].IsActive(now)))
            {
                symbols.Add(symbol);
            }
        }

        if (Array.Exists(_anySymbol, index => _priceRules[index].IsActive(now)))
        {
            symbols.UnionWith(Directory.All.SelectMany(company => company.Listings).Select(listing => listing.Symbol));
        }

        return [.. symbols];
    }

    /// <summary>
    /// The symbols whose stored daily closes the book's day-window rules (new highs and lows, moves over N trading days) read,
    /// each with the first day the longest such window reaches back to on <paramref name="today"/>'s trading day
    /// (<see cref="DateOnly.MinValue"/>: all-time). Rules on every company are left out: backfilling every listing is not bounded.
    /// </summary>
    public IReadOnlyDictionary<string, DateOnly> DailyHistoryNeeds(DateTimeOffset now)
    {
        var needs = new SortedDictionary<string, DateOnly>(StringComparer.OrdinalIgnoreCase);
        foreach (var (symbol, rules) in _bySymbol)
        {
            var calendar = Calendars.TradingCalendars.ForSymbol(symbol);
            var today = calendar.TradingDayOf(now);
            foreach (var index in rules)
            {
                var rule = _priceRules[index];
                DateOnly? from = !rule.IsActive(now) ? null : rule switch
                {
                    NewHighLowRule { Window: HistoryWindow.AllTime } => DateOnly.MinValue,
                    NewHighLowRule { Window: HistoryWindow.Weeks52 } => today.AddDays(-364),
                    NewHighLowRule { Window: HistoryWindow.TradingDays, TradingDays: { } days } => calendar.TradingDaysBefore(today, days),
                    WindowMoveRule { Minutes: null, TradingDays: { } days } => calendar.TradingDaysBefore(today, days),
                    _ => null,
                };
                if (from is { } first && (!needs.TryGetValue(symbol, out var known) || first < known))
                {
                    needs[symbol] = first;
                }
            }
        }

        return needs;
    }
}
