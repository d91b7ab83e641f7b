using Alerts.Core.Model;
using Alerts.Core.Rules;
using Alerts.Core.Rules.Calendars;

namespace Alerts.Core.Tests.Rules;

public sealed class TradingCalendarTests
{
    /// <summary>The wall clock on purpose: this test is the reminder that the bundled calendar file runs out.</summary>
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public void The_bundled_calendar_file_is_renewed_at_least_60_days_before_it_runs_out()
    {
        var renewBy = TradingCalendars.ValidThrough.AddDays(-60);

        Assert.True(Today <= renewBy,
            $"src/Alerts.Core/Rules/Calendars/trading-calendars.json covers trading days only to {TradingCalendars.ValidThrough:yyyy-MM-dd}: "
            + $"add {TradingCalendars.ValidThrough.Year + 1}'s published holidays of HKEX, SSE/SZSE/BSE and NYSE, and its early-close days "
            + "(HKEX: the weekday eves of Christmas, New Year and Lunar New Year; NYSE: its published 13:00 closes), then move validThrough "
            + "and compiled. Mainland dates the State Council has not yet published go in as provisional (set provisionalFrom).");
    }

    [Fact]
    public void Provisional_holidays_are_replaced_by_published_ones_before_their_year_starts()
    {
        foreach (var calendar in TradingCalendars.All.Where(c => c.ProvisionalFrom is not null))
        {
            Assert.True(Today < calendar.ProvisionalFrom,
                $"{calendar.Exchange} holidays from {calendar.ProvisionalFrom:yyyy-MM-dd} in src/Alerts.Core/Rules/Calendars/trading-calendars.json "
                + "are derived from the statutory holidays, not published: replace that year's dates with the State Council's published "
                + $"{calendar.ProvisionalFrom?.Year} holiday arrangement (the exchanges close on every weekday of each holiday block) and drop provisionalFrom.");
        }
    }

    [Fact]
    public void Every_holiday_is_a_weekday_inside_the_file_and_each_year_has_some()
    {
        foreach (var calendar in TradingCalendars.All)
        {
            Assert.All(calendar.Holidays, day =>
            {
                Assert.True(calendar.Covers(day), $"{calendar.Exchange} {day} is outside the file's dates");
                Assert.False(day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday, $"{calendar.Exchange} {day} is a weekend day");
            });
            foreach (var year in new[] { 2026, 2027 })
            {
                Assert.InRange(calendar.Holidays.Count(d => d.Year == year), 8, 20);
            }
        }
    }

    [Theory]
    [InlineData("2513.HK", "2026-02-17", false)] // Lunar New Year
    [InlineData("2513.HK", "2026-02-20", true)]
    [InlineData("2513.HK", "2026-04-07", false)] // the day following Ching Ming (5 April, a Sunday) after Easter Monday
    [InlineData("2513.HK", "2026-10-19", false)] // the day following Chung Yeung
    [InlineData("2513.HK", "2026-11-30", true)]
    [InlineData("688256.SS", "2026-02-23", false)] // Spring Festival week
    [InlineData("688256.SS", "2026-02-24", true)]
    [InlineData("000001.SZ", "2026-10-07", false)] // National Day week
    [InlineData("000001.SZ", "2026-10-08", true)]
    [InlineData("688256.SS", "2026-02-14", false)] // a make-up working Saturday: the exchanges stay shut
    [InlineData("AAPL", "2026-11-26", false)] // Thanksgiving
    [InlineData("AAPL", "2026-07-03", false)] // Independence Day observed
    [InlineData("AAPL", "2027-06-18", false)] // Juneteenth observed
    [InlineData("AAPL", "2026-11-27", true)]
    [InlineData("HKDCNY=X", "2026-02-17", true)] // currencies trade on weekdays
    [InlineData("HKDCNY=X", "2026-02-21", false)]
    public void Holidays_and_weekends_are_not_trading_days(string symbol, string date, bool trading)
    {
        Assert.Equal(trading, TradingCalendars.ForSymbol(symbol).IsTradingDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    // instant (UTC), symbol, trading day it belongs to
    [InlineData("2026-01-08T15:59:00Z", "2513.HK", "2026-01-08")] // 23:59 in Hong Kong
    [InlineData("2026-01-08T16:00:00Z", "2513.HK", "2026-01-09")] // midnight in Hong Kong
    [InlineData("2026-01-10T02:00:00Z", "2513.HK", "2026-01-12")] // Saturday counts towards Monday
    [InlineData("2026-02-17T02:00:00Z", "2513.HK", "2026-02-20")] // a holiday counts towards the next session
    [InlineData("2026-03-09T03:00:00Z", "AAPL", "2026-03-09")]    // 23:00 on Sunday in New York (EDT) belongs to Monday
    [InlineData("2026-03-10T03:00:00Z", "AAPL", "2026-03-09")]    // 23:00 on Monday in New York
    public void An_instant_belongs_to_its_exchanges_trading_day_in_the_exchanges_time_zone(string instant, string symbol, string day)
    {
        Assert.Equal(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), TradingDay.OfSymbol(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), symbol));
    }

    [Fact]
    public void Counting_trading_days_back_skips_holidays()
    {
        Assert.Equal(new DateOnly(2026, 2, 13), TradingCalendars.Sse.TradingDaysBefore(new DateOnly(2026, 2, 24), 1));
        Assert.Equal(new DateOnly(2025, 12, 31), TradingCalendars.Hkex.TradingDaysBefore(new DateOnly(2026, 1, 8), 5));
    }

    [Fact]
    public void Once_per_trading_day_treats_a_holiday_tick_as_the_next_sessions()
    {
        var rule = TestData.MoveRule("move", 5, frequency: Frequency.OncePerTradingDay);
        var script = new FiringScript(rule, "2513.HK", TestData.Zhipu);
        var holiday = new DateTimeOffset(2026, 2, 18, 2, 0, 0, TimeSpan.Zero); // Lunar New Year: belongs to Friday the 20th

        Assert.True(script.Fires(TestData.TickEvent("2513.HK", 110m, 100m, holiday)));
        Assert.False(script.Fires(TestData.TickEvent("2513.HK", 110m, 100m, holiday.AddDays(2))));
        Assert.True(script.Fires(TestData.TickEvent("2513.HK", 110m, 100m, holiday.AddDays(5))));
    }
}
