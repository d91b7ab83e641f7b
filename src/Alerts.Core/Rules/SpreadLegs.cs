using Alerts.Core.Companies;
using Alerts.Core.Model;

namespace Alerts.Core.Rules;

/// <summary>The two listings and the exchange rate a <see cref="ListingSpreadRule"/> compares for one company.</summary>
public sealed record SpreadLegs(Listing First, Listing Second, string? FxSymbol, bool InvertFx)
{
    public IEnumerable<string> Symbols => FxSymbol is null ? [First.Symbol, Second.Symbol] : [First.Symbol, Second.Symbol, FxSymbol];

    /// <summary>True for the default pair: a mainland A-share against a Hong Kong H-share.</summary>
    public bool IsAOverH => IsMainland(First) && Second.Exchange.Equals(SymbolFormat.Hkex, StringComparison.OrdinalIgnoreCase);

    /// <summary>Null when the company lacks one of the listings (or names one it does not have).</summary>
    public static SpreadLegs? Resolve(ListingSpreadRule rule, Company company)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(company);
        var first = rule.Listing is { } symbol ? Find(company, symbol) : company.Listings.FirstOrDefault(IsMainland);
        var second = rule.OtherListing is { } other
            ? Find(company, other)
            : company.Listings.FirstOrDefault(l => l.Exchange.Equals(SymbolFormat.Hkex, StringComparison.OrdinalIgnoreCase));
        if (first is null || second is null || first.Symbol.Equals(second.Symbol, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (first.Currency.Equals(second.Currency, StringComparison.OrdinalIgnoreCase) && rule.FxSymbol is null)
        {
            return new SpreadLegs(first, second, null, false);
        }

        var fx = rule.FxSymbol ?? $"{second.Currency}{first.Currency}=X".ToUpperInvariant();
        var invert = fx.StartsWith(first.Currency, StringComparison.OrdinalIgnoreCase)
            && fx.AsSpan(first.Currency.Length).StartsWith(second.Currency, StringComparison.OrdinalIgnoreCase);
        return new SpreadLegs(first, second, fx, invert);
    }

    private static Listing? Find(Company company, string symbol) =>
        company.Listings.FirstOrDefault(l => l.Symbol.Equals(symbol, StringComparison.OrdinalIgnoreCase));

    private static bool IsMainland(Listing listing) =>
        listing.Exchange.ToUpperInvariant() is SymbolFormat.Sse or SymbolFormat.Szse or SymbolFormat.Bse;
}
