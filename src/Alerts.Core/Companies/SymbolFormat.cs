using System.Globalization;

namespace Alerts.Core.Companies;

/// <summary>Canonical symbols (Yahoo style): HKEX 02513 → 2513.HK, SSE 688256 → 688256.SS, SZSE 000001 → 000001.SZ.</summary>
public static class SymbolFormat
{
    public const string Hkex = "HKEX";
    public const string Sse = "SSE";
    public const string Szse = "SZSE";
    public const string Bse = "BSE";

    public static string FromExchangeCode(string exchange, string code)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(code);
        var trimmed = code.Trim();
        return exchange.ToUpperInvariant() switch
        {
            Hkex => int.Parse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture).ToString("D4", CultureInfo.InvariantCulture) + ".HK",
            Sse => trimmed + ".SS",
            Szse => trimmed + ".SZ",
            Bse => trimmed + ".BJ",
            _ => trimmed.ToUpperInvariant(),
        };
    }

    /// <summary>A comparable key for an exchange code: HKEX codes lose their zero padding ("02513" and "2513" agree).</summary>
    public static string CodeKey(string exchange, string code)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(code);
        var trimmed = code.Trim();
        if (string.Equals(exchange, Hkex, StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed.TrimStart('0');
        }

        return exchange.ToUpperInvariant() + ":" + trimmed.ToUpperInvariant();
    }

    /// <summary>The trading-day offset of an exchange: HKEX and the mainland exchanges trade on UTC+8 with no DST.</summary>
    public static TimeZoneInfo TradingZoneOf(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        if (symbol.EndsWith(".HK", StringComparison.OrdinalIgnoreCase)
            || symbol.EndsWith(".SS", StringComparison.OrdinalIgnoreCase)
            || symbol.EndsWith(".SZ", StringComparison.OrdinalIgnoreCase)
            || symbol.EndsWith(".BJ", StringComparison.OrdinalIgnoreCase))
        {
            return ChinaTime;
        }

        return UsEastern;
    }

    public static TimeZoneInfo ChinaTime { get; } = TimeZoneInfo.CreateCustomTimeZone("UTC+8", TimeSpan.FromHours(8), "UTC+8", "UTC+8");

    public static TimeZoneInfo UsEastern { get; } = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
}
