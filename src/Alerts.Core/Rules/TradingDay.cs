using Alerts.Core.Rules.Calendars;

namespace Alerts.Core.Rules;

/// <summary>
/// The exchange trading day an instant belongs to, from the bundled exchange calendars: the local date in the exchange's time
/// zone, moved forward to the next trading day when it falls on a weekend or holiday.
/// </summary>
public static class TradingDay
{
    /// <summary>For a symbol subject its exchange's day; for a company id (no dot) or "*" the HKEX day.</summary>
    public static DateOnly Of(DateTimeOffset instant, string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var calendar = subject.Contains('.', StringComparison.Ordinal) ? TradingCalendars.ForSymbol(subject) : TradingCalendars.Hkex;
        return calendar.TradingDayOf(instant);
    }

    /// <summary>The trading day of a canonical symbol's exchange: "2513.HK" on HKEX days, a bare "AAPL" on New York days.</summary>
    public static DateOnly OfSymbol(DateTimeOffset instant, string symbol) => TradingCalendars.ForSymbol(symbol).TradingDayOf(instant);
}
