using Alerts.Core.Rules;
using static Alerts.Core.Tests.Rules.Market.MarketTestData;

namespace Alerts.Core.Tests.Rules.Market;

public sealed class WindowMoveRuleTests
{
    [Theory]
    // minutes window, threshold %, direction, prices one minute apart, fired
    [InlineData(5, 5, MoveDirection.Either, "100 101 103 106 106 104 100", "...!..!")]
    [InlineData(5, 5, MoveDirection.Up, "100 101 103 106 106 104 100", "...!...")]
    [InlineData(5, 5, MoveDirection.Down, "100 101 103 106 106 104 100", "......!")]
    [InlineData(2, 5, MoveDirection.Up, "100 101 103 106", "....")]
    [InlineData(30, 10, MoveDirection.Either, "100 105 109.99 110", "...!")]
    public void Moves_within_the_last_minutes_are_measured_from_the_windows_low_or_high(int minutes, int threshold, MoveDirection direction, string prices, string expected)
    {
        var script = new MarketScript(Move(threshold, minutes: minutes, direction: direction));

        Assert.Equal(expected, script.Prices(H, Ten, prices));
    }

    [Theory]
    // first quote (Hong Kong time, 2026-01-08 unless dated), second quote, minutes window: +6% fires only inside the window
    [InlineData("11:55", "13:05", 15, "!")]                      // 5 minutes before lunch + 5 after: inside 15 trading minutes
    [InlineData("11:55", "13:05", 5, ".")]
    [InlineData("11:40", "13:05", 15, ".")]                      // 25 trading minutes earlier
    [InlineData("15:58", "2026-01-09 09:31", 5, "!")]            // over the night: 2 + 1 trading minutes
    [InlineData("15:50", "2026-01-09 09:31", 5, ".")]
    [InlineData("2026-12-24 11:58", "2026-12-28 09:31", 5, "!")] // Christmas Eve closed at 12:00, then Christmas and a weekend
    public void Minutes_that_span_the_lunch_break_or_the_close_count_only_trading_time(string first, string second, int minutes, string expected)
    {
        var script = new MarketScript(Move(5, minutes: minutes, direction: MoveDirection.Up));
        script.Tick(H, 100m, HongKong(first));

        Assert.Equal(expected, script.Prices(H, HongKong(second), "106"));
    }

    [Fact]
    public void A_move_over_the_lunch_break_explains_itself_in_trading_minutes()
    {
        var script = new MarketScript(Move(5, minutes: 15, direction: MoveDirection.Up));
        script.Tick(H, 100m, HongKong("11:55"));

        Assert.Equal("moved +6.00% (threshold 5%) in 15 trading minutes, from HKD 100.00 to HKD 106.00", script.Tick(H, 106m, HongKong("13:05"))!.Explanation);
    }

    private static DateTimeOffset HongKong(string text) =>
        DateTimeOffset.ParseExact((text.Length == 5 ? "2026-01-08 " + text : text) + " +08:00", "yyyy-MM-dd HH:mm zzz", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    // trading days, closes before today (oldest first), prices, fired
    [InlineData(5, "80 90 95 98 100", "95 96 97 95 96", ".!..!")]
    [InlineData(1, "80 90 95 98 100", "119 120", ".!")]
    [InlineData(5, "98 100", "200", "-")]
    public void Moves_over_trading_days_are_measured_from_that_days_close(int days, string closes, string prices, string expected)
    {
        var script = new MarketScript(Move(20, days: days, direction: MoveDirection.Up));
        script.SeedCloses(H, Ten, [.. closes.Split(' ').Select(decimal.Parse)]);

        Assert.Equal(expected, script.Prices(H, Ten, prices));
    }

    [Fact]
    public void Five_trading_days_before_a_holiday_week_skip_the_holiday()
    {
        // 2026-01-08: five HKEX trading days back is 31 December (1 January is a holiday).
        var script = new MarketScript(Move(20, days: 5, direction: MoveDirection.Up));
        script.SeedCloses(H, Ten, 80, 90, 95, 98, 100);

        var decision = script.Tick(H, 96m, Ten)!;

        Assert.True(decision.Fires);
        Assert.Equal("moved +20.00% (threshold 20%) over 5 trading day(s), from the close of 2025-12-31 at HKD 80.00 to HKD 96.00", decision.Explanation);
    }

    [Theory]
    [InlineData("EveryTime", "!.!!")]
    [InlineData("Once", "!...")]
    [InlineData("OncePerTradingDay", "!..!")]
    [InlineData("Cooldown1m", "!.!!")]
    [InlineData("Cooldown1h", "!..!")]
    [InlineData("Expired", "!...")]
    public void Every_frequency_and_expiry_is_honoured(string frequency, string expected)
    {
        var rule = Move(20, days: 1, direction: MoveDirection.Up, expires: frequency == "Expired" ? Ten.AddMinutes(1) : null, frequency: frequency switch
        {
            "Once" => Frequency.Once,
            "OncePerTradingDay" => Frequency.OncePerTradingDay,
            "Cooldown1m" => Frequency.Every(TimeSpan.FromMinutes(1)),
            "Cooldown1h" => Frequency.Every(TimeSpan.FromHours(1)),
            _ => Frequency.EveryTime,
        });
        var script = new MarketScript(rule);
        script.SeedCloses(H, Ten, 80);

        // Thursday: +20%, back under 19%, +20% again; Friday against Thursday's close (96): +20.8%.
        var fired = script.Prices(H, Ten, "96 95 96") + script.Prices(H, Ten.AddDays(1), "116");

        Assert.Equal(expected, fired);
    }
}
