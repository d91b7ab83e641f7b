using Alerts.Core.Model;
using Alerts.Core.Rules;
using static Alerts.Core.Tests.TestData;

namespace Alerts.Core.Tests.Rules;

/// <summary>Price rules fire on edges. Each row is a sequence of ticks one minute apart against a fixed previous close; '!' marks an alert.</summary>
public sealed class PriceRuleTests
{
    [Theory]
    [InlineData(MoveDirection.Up, "103 105 106 107", ".!..")]
    [InlineData(MoveDirection.Up, "106 104 106 104.99 105", "!.!.!")]
    [InlineData(MoveDirection.Up, "94 90 80", "...")]
    [InlineData(MoveDirection.Down, "96 95 94 96 94", ".!..!")]
    [InlineData(MoveDirection.Down, "106 110", "..")]
    [InlineData(MoveDirection.Either, "104 106 103 94 96 107", ".!.!.!")]
    [InlineData(MoveDirection.Either, "95 96 105", "!.!")]
    public void Price_move_fires_once_on_crossing_into_the_threshold_and_rearms_below_it(MoveDirection direction, string prices, string expected)
    {
        Assert.Equal(expected, FiringScript.Prices(MoveRule("m1", 5m, direction), "2513.HK", 100m, prices));
    }

    [Theory]
    [InlineData(CrossDirection.Above, 100, 1, 95, "99 100 101 99.5 100.5 98.9 100", ".!....!")]
    [InlineData(CrossDirection.Above, 100, 1, 95, "100 99 100", "!.!")]
    [InlineData(CrossDirection.Above, 100, 0, 95, "101 99.99 100", "!.!")]
    [InlineData(CrossDirection.Above, 100, 5, 95, "101 96 101 95 101", "!...!")]
    [InlineData(CrossDirection.Below, 50, 2, 55, "51 50 49 50.5 49.5 51 49.9", ".!....!")]
    public void Price_level_fires_on_the_crossing_edge_and_rearms_only_beyond_the_hysteresis_band(
        CrossDirection direction, double level, double hysteresis, double previousClose, string prices, string expected)
    {
        var rule = LevelRule("l1", (decimal)level, direction, (decimal)hysteresis);

        Assert.Equal(expected, FiringScript.Prices(rule, "2513.HK", (decimal)previousClose, prices));
    }

    [Theory]
    [InlineData(CrossDirection.Above, 105, "106 104 101 99 101", "....!")]
    [InlineData(CrossDirection.Above, 100, "100 101", "..")]
    [InlineData(CrossDirection.Below, 95, "94 96 99 101 99", "....!")]
    public void Price_level_already_beyond_at_the_previous_close_is_no_crossing(CrossDirection direction, double previousClose, string prices, string expected)
    {
        Assert.Equal(expected, FiringScript.Prices(LevelRule("l1", 100m, direction), "2513.HK", (decimal)previousClose, prices));
    }

    [Fact]
    public void Price_level_fires_when_the_previous_close_sat_inside_the_band_but_under_the_level()
    {
        Assert.Equal("!", FiringScript.Prices(LevelRule("l1", 100m), "2513.HK", 99.5m, "100.5"));
    }

    [Fact]
    public void Price_move_rearms_on_a_new_trading_day_even_if_the_price_stayed_beyond_the_threshold()
    {
        var script = new FiringScript(MoveRule("m1", 5m, MoveDirection.Up), "2513.HK");
        var day1 = new DateTimeOffset(2026, 1, 8, 2, 0, 0, TimeSpan.Zero);

        Assert.True(script.Fires(TickEvent("2513.HK", 106m, 100m, day1)));
        Assert.False(script.Fires(TickEvent("2513.HK", 107m, 100m, day1.AddHours(5))));
        Assert.True(script.Fires(TickEvent("2513.HK", 113m, 107m, day1.AddDays(1))));
        Assert.False(script.Fires(TickEvent("2513.HK", 114m, 107m, day1.AddDays(1).AddMinutes(1))));
    }

    [Theory]
    [InlineData("2026-01-08T15:59:00Z", false)]
    [InlineData("2026-01-08T16:00:00Z", true)]
    [InlineData("2026-01-08T16:30:00Z", true)]
    public void Price_move_trading_day_of_a_Hong_Kong_symbol_turns_at_midnight_UTC_plus_8(string secondTick, bool fires)
    {
        var script = new FiringScript(MoveRule("m1", 5m, MoveDirection.Up), "2513.HK");
        var lateEvening = new DateTimeOffset(2026, 1, 8, 15, 30, 0, TimeSpan.Zero); // 23:30 in Hong Kong

        Assert.True(script.Fires(TickEvent("2513.HK", 106m, 100m, lateEvening)));
        Assert.Equal(fires, script.Fires(TickEvent("2513.HK", 106m, 100m, DateTimeOffset.Parse(secondTick, System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Theory]
    [InlineData("688256.SS")]
    [InlineData("000001.SZ")]
    public void Mainland_symbols_also_trade_on_UTC_plus_8_days(string symbol)
    {
        var rule = MoveRule("m1", 5m, MoveDirection.Up, Frequency.OncePerTradingDay);
        var script = new FiringScript(rule, symbol);
        var lateEvening = new DateTimeOffset(2026, 1, 8, 15, 30, 0, TimeSpan.Zero);

        Assert.True(script.Fires(TickEvent(symbol, 106m, 100m, lateEvening)));
        Assert.False(script.Fires(TickEvent(symbol, 100m, 100m, lateEvening.AddMinutes(10))));
        Assert.False(script.Fires(TickEvent(symbol, 106m, 100m, lateEvening.AddMinutes(20))));
        Assert.True(script.Fires(TickEvent(symbol, 106m, 100m, lateEvening.AddMinutes(31))));
    }

    [Fact]
    public void Once_per_trading_day_for_a_US_symbol_follows_New_York_days_not_Hong_Kong_days()
    {
        var rule = MoveRule("m1", 5m, MoveDirection.Up, Frequency.OncePerTradingDay, company: "apple");
        var script = new FiringScript(rule, "AAPL");
        var open = new DateTimeOffset(2026, 1, 8, 14, 35, 0, TimeSpan.Zero); // 09:35 New York, 22:35 Hong Kong

        Assert.True(script.Fires(TickEvent("AAPL", 106m, 100m, open)));
        Assert.False(script.Fires(TickEvent("AAPL", 100m, 100m, open.AddHours(1))));

        // 17:35 UTC is 12:35 in New York, the same session, but already the next day in Hong Kong.
        Assert.False(script.Fires(TickEvent("AAPL", 106m, 100m, open.AddHours(3))));
        Assert.True(script.Fires(TickEvent("AAPL", 106m, 100m, open.AddDays(1))));
    }

    [Fact]
    public void Price_move_on_a_US_symbol_is_not_rearmed_mid_session_by_the_Hong_Kong_midnight()
    {
        var script = new FiringScript(MoveRule("m1", 5m, MoveDirection.Up, company: "apple"), "AAPL");
        var open = new DateTimeOffset(2026, 1, 8, 14, 35, 0, TimeSpan.Zero);

        Assert.True(script.Fires(TickEvent("AAPL", 106m, 100m, open)));
        Assert.False(script.Fires(TickEvent("AAPL", 107m, 100m, open.AddHours(3))));
    }

    [Fact]
    public void An_older_tick_arriving_late_is_ignored()
    {
        var script = new FiringScript(MoveRule("m1", 5m, MoveDirection.Up), "2513.HK");

        Assert.False(script.Fires(TickEvent("2513.HK", 101m, 100m, Morning)));
        Assert.False(script.Fires(TickEvent("2513.HK", 102m, 100m, Morning.AddMinutes(5))));
        var late = script.Decide(TickEvent("2513.HK", 107m, 100m, Morning.AddMinutes(2)));
        Assert.True(script.Fires(TickEvent("2513.HK", 107m, 100m, Morning.AddMinutes(6))));

        Assert.False(late.Fires);
        Assert.Equal("tick older than the rule's last observation", late.Reason);
    }

    [Fact]
    public void An_older_tick_cannot_rearm_a_level_rule()
    {
        var script = new FiringScript(LevelRule("l1", 100m), "2513.HK");

        Assert.True(script.Fires(TickEvent("2513.HK", 101m, 95m, Morning)));
        Assert.False(script.Fires(TickEvent("2513.HK", 90m, 95m, Morning.AddMinutes(-1))));
        Assert.False(script.Fires(TickEvent("2513.HK", 101m, 95m, Morning.AddMinutes(1))));
    }

    public static TheoryData<Rule, string> Sequences => new()
    {
        { MoveRule("m1", 5m, MoveDirection.Up), "101 102 106 107 104 106 103" },
        { MoveRule("m2", 5m, MoveDirection.Either, Frequency.Every(TimeSpan.FromMinutes(3))), "106 94 103 106 104 107 101" },
        { LevelRule("l1", 100m), "99 101 99.5 98 100 101 97" },
    };

    [Theory]
    [MemberData(nameof(Sequences))]
    public void Every_decision_that_changes_the_state_asks_for_it_to_be_stored(Rule rule, string prices)
    {
        var script = new FiringScript(rule, "2513.HK");
        RuleState? before = null;
        foreach (var (price, minute) in prices.Split(' ').Select((p, i) => (decimal.Parse(p, System.Globalization.CultureInfo.InvariantCulture), i)))
        {
            var decision = script.Decide(TickEvent("2513.HK", price, 100m, Morning.AddMinutes(minute)));

            Assert.True(decision.StateChanged || decision.State == before, $"tick {minute} changed the state without saying so: {decision.Reason}");
            before = script.State;
        }
    }

    [Fact]
    public void Backtest_over_a_day_of_ticks_raises_the_alerts_live_evaluation_would()
    {
        var book = Book(MoveRule("move", 5m, MoveDirection.Up), LevelRule("level", 110m));
        var prices = new[] { 101m, 104m, 105.5m, 108m, 110m, 109.5m, 111m, 108.8m, 110.2m, 104m, 106m };
        var history = prices.Select((p, i) => TickEvent("2513.HK", p, 100m, Morning.AddMinutes(i))).Reverse().ToList();
        history.Add(history[0]); // a duplicate delivery of the same tick is evaluated once

        var alerts = Backtest.Run(book, history);

        Assert.Equal(
            ["move@2", "level@4", "level@8", "move@10"],
            alerts.Select(a => $"{a.RuleId}@{(a.OccurredAt - Morning).TotalMinutes}"));
        Assert.All(alerts, a => Assert.Equal("zhipu", a.CompanyId));
    }
}
