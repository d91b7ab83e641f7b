using System.Globalization;

namespace Alerts.Sources.Yahoo;

/// <summary>
/// Yahoo symbols are this service's canonical symbols, except that Yahoo writes Hong Kong codes with four digits at least
/// (<c>2513.HK</c>, <c>0700.HK</c>, never <c>02513.HK</c>); FX pairs are <c>HKDCNY=X</c>.
/// </summary>
public static class YahooSymbols
{
    public static string ToYahoo(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        var trimmed = symbol.Trim();
        var dot = trimmed.LastIndexOf('.');
        if (dot > 0 && trimmed[(dot + 1)..].Equals("HK", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(trimmed[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return code.ToString("D4", CultureInfo.InvariantCulture) + ".HK";
        }

        return dot > 0 ? trimmed[..dot] + "." + trimmed[(dot + 1)..].ToUpperInvariant() : trimmed.ToUpperInvariant();
    }

    /// <summary>The canonical symbol of a Yahoo symbol (the same, with Hong Kong codes normalised).</summary>
    public static string ToCanonical(string yahooSymbol) => ToYahoo(yahooSymbol);

    public static string FxPair(string from, string to) => from.ToUpperInvariant() + to.ToUpperInvariant() + "=X";
}
