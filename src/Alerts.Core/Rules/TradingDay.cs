using Alerts.Core.Companies;

namespace Alerts.Core.Rules;

/// <summary>The exchange trading day an instant falls on, in the exchange's own time zone (UTC+8 for HK and the mainland).</summary>
public static class TradingDay
{
    public static DateOnly Of(DateTimeOffset instant, string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var zone = subject.Contains('.', StringComparison.Ordinal) ? SymbolFormat.TradingZoneOf(subject) : SymbolFormat.ChinaTime;
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
    }

    /// <summary>The trading day of a canonical symbol's exchange: "2513.HK" trades on UTC+8 days, a bare "AAPL" on New York days.</summary>
    public static DateOnly OfSymbol(DateTimeOffset instant, string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, SymbolFormat.TradingZoneOf(symbol)).DateTime);
    }
}
