namespace Alerts.Core.Rules.Calendars;

/// <summary>Trading time: the sessions of a day, and windows of N minutes that count only minutes when the exchange trades.</summary>
public sealed partial class TradingCalendar
{
    /// <summary>How far back a trading-time window may reach: past any holiday block (the mainland's Spring Festival week is 9 days).</summary>
    private const int MaxDaysBack = 21;

    /// <summary>The day's sessions in local time; none on weekends and holidays.</summary>
    public IReadOnlyList<TradingSession> SessionsOn(DateOnly date) => IsTradingDay(date) ? Hours.On(date) : [];

    /// <summary>When the day's trading ends in local time (the early close on a half-day), or null when it does not trade.</summary>
    public TimeSpan? CloseOn(DateOnly date) => SessionsOn(date) is [.., var last] ? last.Close : null;

    /// <summary>
    /// The instant <paramref name="tradingTime"/> of trading before <paramref name="end"/>: lunch breaks, nights, weekends and
    /// holidays do not count, and an instant after the close counts back from the close. "The last 15 minutes" at 13:05 in Hong
    /// Kong start at 11:50, and at 09:35 they start ten minutes before the previous session's close.
    /// </summary>
    public DateTimeOffset TradingTimeBefore(DateTimeOffset end, TimeSpan tradingTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tradingTime, TimeSpan.Zero);
        var remaining = tradingTime;
        var date = LocalDate(end);
        for (var back = 0; back <= MaxDaysBack; back++, date = date.AddDays(-1))
        {
            var sessions = SessionsOn(date);
            for (var i = sessions.Count - 1; i >= 0; i--)
            {
                var open = At(date, sessions[i].Open);
                var close = At(date, sessions[i].Close);
                var until = close < end ? close : end;
                if (until <= open)
                {
                    continue;
                }

                if (until - open >= remaining)
                {
                    return until - remaining;
                }

                remaining -= until - open;
            }
        }

        return end - tradingTime; // no sessions found that far back: fall back to wall time
    }

    /// <summary>The instant of a local time of day on a date at the exchange (24:00 is the next midnight).</summary>
    private DateTimeOffset At(DateOnly date, TimeSpan timeOfDay)
    {
        var local = date.ToDateTime(TimeOnly.MinValue).Add(timeOfDay);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, Zone), TimeSpan.Zero);
    }
}
