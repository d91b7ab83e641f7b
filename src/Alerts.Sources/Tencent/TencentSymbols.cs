using Alerts.Core.Companies;

namespace Alerts.Sources.Tencent;

/// <summary>
/// Tencent quote codes and canonical symbols: <c>hk02513</c>/<c>r_hk02513</c> ⇄ <c>2513.HK</c>, <c>sh688256</c> ⇄
/// <c>688256.SS</c>, <c>sz000001</c> ⇄ <c>000001.SZ</c>, <c>bj430047</c> ⇄ <c>430047.BJ</c>.
/// </summary>
public static class TencentSymbols
{
    /// <summary>The canonical symbol for a Tencent code, or null for markets this service does not cover.</summary>
    public static string? ToCanonical(string tencentCode)
    {
        ArgumentNullException.ThrowIfNull(tencentCode);
        var code = tencentCode.Trim();
        if (code.StartsWith("r_", StringComparison.OrdinalIgnoreCase))
        {
            code = code[2..];
        }

        if (code.Length < 3)
        {
            return null;
        }

        var digits = code[2..];
        if (!digits.All(char.IsAsciiDigit) || digits.Length == 0)
        {
            return null;
        }

        return code[..2].ToLowerInvariant() switch
        {
            "hk" => SymbolFormat.FromExchangeCode(SymbolFormat.Hkex, digits),
            "sh" => SymbolFormat.FromExchangeCode(SymbolFormat.Sse, digits),
            "sz" => SymbolFormat.FromExchangeCode(SymbolFormat.Szse, digits),
            "bj" => SymbolFormat.FromExchangeCode(SymbolFormat.Bse, digits),
            _ => null,
        };
    }

    /// <summary>
    /// The Tencent code to request for a canonical symbol; Hong Kong symbols get the real-time <c>r_hk</c> prefix (plain
    /// <c>hk</c> is delayed about 15 minutes). Null for symbols of other markets.
    /// </summary>
    public static string? FromCanonical(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        var dot = symbol.LastIndexOf('.');
        if (dot <= 0)
        {
            return null;
        }

        var code = symbol[..dot].Trim();
        if (!code.All(char.IsAsciiDigit))
        {
            return null;
        }

        return symbol[(dot + 1)..].ToUpperInvariant() switch
        {
            "HK" => "r_hk" + code.PadLeft(5, '0'),
            "SS" => "sh" + code,
            "SZ" => "sz" + code,
            "BJ" => "bj" + code,
            _ => null,
        };
    }

    public static bool IsHongKong(string tencentCode) =>
        tencentCode.StartsWith("hk", StringComparison.OrdinalIgnoreCase) || tencentCode.StartsWith("r_hk", StringComparison.OrdinalIgnoreCase);
}
