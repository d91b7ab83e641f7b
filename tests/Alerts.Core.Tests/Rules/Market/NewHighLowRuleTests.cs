using Alerts.Core.Rules;
using static Alerts.Core.Tests.Rules.Market.MarketTestData;

namespace Alerts.Core.Tests.Rules.Market;

public sealed class NewHighLowRuleTests
{
    [Theory]
    // window, trading days, extreme, re-arm %, earlier closes (oldest first), today's prices, fired ('!'), held back ('-')
    [InlineData(HistoryWindow.AllTime, null, Extreme.High, 1, "100 120 110", "115 121 125 118 119 121", ".!...!")]
    [InlineData(HistoryWindow.AllTime, null, Extreme.Low, 1, "100 120 110", "105 99 95 101 99", ".!..!")]
    [InlineData(HistoryWindow.AllTime, null, Extreme.High, 0, "100 120 110", "121 120 121", "!.!")]
    [InlineData(HistoryWindow.AllTime, null, Extreme.High, 1, "200 120 110", "121", ".")]
    [InlineData(HistoryWindow.TradingDays, 2, Extreme.High, 1, "200 120 110", "121", "!")]
    [InlineData(HistoryWindow.Weeks52, null, Extreme.High, 1, "200 120 110", "121", ".")]
    [InlineData(HistoryWindow.AllTime, null, Extreme.High, 1, "", "121 130", "--")]
    public void Fires_on_the_edge_past_the_record_close_and_rearms_past_the_band(
        HistoryWindow window, int? days, Extreme extreme, int rearm, string closes, string prices, string expected)
    {
        var script = new MarketScript(NewHigh(window, days, extreme, rearm));
        script.SeedCloses(H, Ten, [.. closes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(decimal.Parse)]);

        Assert.Equal(expected, script.Prices(H, Ten, prices));
    }

    [Fact]
    public void A_close_older_than_52_weeks_is_outside_that_window_but_not_outside_all_time()
    {
        foreach (var (window, expected) in new[] { (HistoryWindow.Weeks52, "!"), (HistoryWindow.AllTime, ".") })
        {
            var script = new MarketScript(NewHigh(window));
            script.Memory.Seed(H, [(new DateOnly(2024, 12, 2), 500m), (new DateOnly(2026, 1, 7), 120m)]);

            Assert.Equal(expected, script.Prices(H, Ten, "121"));
        }
    }

    [Fact]
    public void The_next_trading_day_measures_against_yesterday_too_and_rearms()
    {
        var script = new MarketScript(NewHigh());
        script.SeedCloses(H, Ten, 100, 120);

        Assert.Equal("!.", script.Prices(H, Ten, "121 124"));           // today closes at 124 (its last price)
        Assert.Equal(".!", script.Prices(H, Ten.AddDays(1), "123.5 124.5")); // the record is now 124
    }

    [Fact]
    public void Holidays_are_not_trading_days_of_the_window()
    {
        // HKEX is shut 17-19 February 2026 (Lunar New Year): the one trading day before the 20th is the 16th.
        var friday = new DateTimeOffset(2026, 2, 20, 2, 0, 0, TimeSpan.Zero);
        var script = new MarketScript(NewHigh(HistoryWindow.TradingDays, 1));
        script.SeedCloses(H, friday, 150, 130, 110);

        Assert.Equal(new DateOnly(2026, 2, 16), script.Memory.History(H)!.CloseOnOrBefore(new DateOnly(2026, 2, 19))!.Value.Date);
        Assert.Equal("!", script.Prices(H, friday, "115"));
    }

    [Fact]
    public void The_alert_says_what_record_was_broken()
    {
        var script = new MarketScript(NewHigh(HistoryWindow.Weeks52));
        script.SeedCloses(H, Ten, 402, 480);

        var decision = script.Tick(H, 496m, Ten)!;

        Assert.True(decision.Fires);
        Assert.Equal("new 52-week high HKD 496.00 (previous highest close HKD 480.00 over 2 trading day(s))", decision.Explanation);
    }
}
