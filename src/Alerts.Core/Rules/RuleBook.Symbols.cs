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
}
