using System.Globalization;
using Alerts.Core.Rules.Calendars;

namespace Alerts.Core.Tests.Rules;

public sealed class TradingSessionTests
{
    private static DateOnly Date(string text) => DateOnly.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>A local wall-clock time at the symbol's exchange, as an instant.</summary>
    private static DateTimeOffset Local(TradingCalendar calendar, string text)
    {
        var local = DateTime.ParseExact(text, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, calendar.Zone), TimeSpan.Zero);
    }

    private static string Shown(IReadOnlyList<TradingSession> sessions) =>
        string.Join(" ", sessions.Select(s => $"{s.Open:hh\\:mm}-{(s.Close == TimeSpan.FromDays(1) ? "24:00" : s.Close.ToString("hh\\:mm", CultureInfo.InvariantCulture))}"));

    [Theory]
    [InlineData("2513.HK", "2026-01-08", "09:30-12:00 13:00-16:00")]
    [InlineData("2513.HK", "2026-02-16", "09:30-12:00")]            // Lunar New Year's Eve: morning only
    [InlineData("2513.HK", "2026-12-24", "09:30-12:00")]            // Christmas Eve
    [InlineData("2513.HK", "2026-12-31", "09:30-12:00")]            // New Year's Eve
    [InlineData("2513.HK", "2027-02-05", "09:30-12:00")]            // Lunar New Year's Eve 2027 (a Friday)
    [InlineData("2513.HK", "2026-12-25", "")]                       // Christmas: no sessions
    [InlineData("688256.SS", "2026-01-08", "09:30-11:30 13:00-15:00")]
    [InlineData("000001.SZ", "2026-12-24", "09:30-11:30 13:00-15:00")] // the mainland has no half-days
    [InlineData("AAPL", "2026-01-08", "09:30-16:00")]
    [InlineData("AAPL", "2026-11-27", "09:30-13:00")]               // the day after Thanksgiving
    [InlineData("AAPL", "2026-12-24", "09:30-13:00")]
    [InlineData("AAPL", "2027-11-26", "09:30-13:00")]
    [InlineData("AAPL", "2027-12-24", "")]                          // Christmas observed
    [InlineData("HKDCNY=X", "2026-02-17", "00:00-24:00")]
    [InlineData("HKDCNY=X", "2026-02-21", "")]
    public void Each_exchange_trades_in_its_sessions_and_half_days_close_early(string symbol, string date, string sessions)
    {
        Assert.Equal(sessions, Shown(TradingCalendars.ForSymbol(symbol).SessionsOn(Date(date))));
    }

    [Theory]
    // symbol, end (exchange's local time), trading minutes, where the window starts (local time)
    [InlineData("2513.HK", "2026-01-08 10:00", 15, "2026-01-08 09:45")]
    [InlineData("2513.HK", "2026-01-08 13:05", 15, "2026-01-08 11:50")]   // across the lunch break
    [InlineData("2513.HK", "2026-01-08 12:30", 10, "2026-01-08 11:50")]   // during the lunch break: counts from its start
    [InlineData("2513.HK", "2026-01-08 16:08", 10, "2026-01-08 15:50")]   // after the close: counts from the close
    [InlineData("2513.HK", "2026-01-09 09:35", 15, "2026-01-08 15:50")]   // across the night
    [InlineData("2513.HK", "2026-01-08 15:00", 240, "2026-01-08 10:00")]
    [InlineData("2513.HK", "2026-12-28 09:40", 30, "2026-12-24 11:40")]   // Christmas, the weekend, and Christmas Eve's 12:00 close
    [InlineData("688256.SS", "2026-01-08 13:10", 20, "2026-01-08 11:20")] // the mainland's lunch is 11:30-13:00
    [InlineData("688256.SS", "2026-02-24 09:40", 30, "2026-02-13 14:40")] // back over the Spring Festival week
    [InlineData("AAPL", "2026-11-30 09:40", 60, "2026-11-27 12:10")]      // the Friday after Thanksgiving closed at 13:00
    [InlineData("AAPL", "2026-03-09 09:35", 10, "2026-03-06 15:55")]      // over the weekend the clocks changed
    [InlineData("HKDCNY=X", "2026-01-08 00:10", 30, "2026-01-07 23:40")]  // currencies: around the clock on weekdays
    [InlineData("HKDCNY=X", "2026-01-12 00:10", 30, "2026-01-09 23:40")]
    public void A_window_of_minutes_counts_only_trading_time(string symbol, string end, int minutes, string start)
    {
        var calendar = TradingCalendars.ForSymbol(symbol);

        Assert.Equal(Local(calendar, start), calendar.TradingTimeBefore(Local(calendar, end), TimeSpan.FromMinutes(minutes)));
    }

    [Fact]
    public void Early_close_days_are_trading_days_inside_the_file()
    {
        foreach (var calendar in TradingCalendars.All)
        {
            Assert.All(calendar.Hours.EarlyCloseDays, day =>
            {
                Assert.True(calendar.IsTradingDay(day), $"{calendar.Exchange} early close {day} is not a trading day");
                Assert.True(calendar.Covers(day), $"{calendar.Exchange} early close {day} is outside the file's dates");
            });
        }

        Assert.Empty(TradingCalendars.Sse.Hours.EarlyCloseDays);
        Assert.Equal(6, TradingCalendars.Hkex.Hours.EarlyCloseDays.Count);
        Assert.Equal(3, TradingCalendars.Nyse.Hours.EarlyCloseDays.Count);
    }

    [Theory]
    [InlineData("12:00-09:30")]
    [InlineData("09:30-12:00 11:00-16:00")]
    public void Sessions_out_of_order_are_refused(string sessions)
    {
        var parsed = sessions.Split(' ').Select(s => s.Split('-')).Select(p => new TradingSession(TimeSpan.Parse(p[0], CultureInfo.InvariantCulture), TimeSpan.Parse(p[1], CultureInfo.InvariantCulture))).ToList();

        Assert.Throws<ArgumentException>(() => new TradingHours(parsed));
    }
}
