using Alerts.Core.Model;
using Alerts.Core.Rules.Market;

namespace Alerts.Core.Tests.Rules.Market;

public sealed class SymbolHistoryTests
{
    private static readonly DateTimeOffset Ten = MarketTestData.Ten;

    private static PriceTick Tick(decimal price, DateTimeOffset at, long volume = 1_000, decimal previousClose = 0) =>
        new("2513.HK", price, previousClose, volume, at, "HKD", "quotes");

    [Fact]
    public void The_first_tick_of_the_next_trading_day_closes_the_day_with_its_last_price_and_profile()
    {
        var history = new SymbolHistory("2513.HK");
        history.Observe(Tick(100m, Ten, 500));
        history.Observe(Tick(104m, Ten.AddHours(5), 2_000));

        var (dailyChanged, _) = history.Observe(Tick(105m, Ten.AddDays(1)));

        Assert.True(dailyChanged);
        Assert.Equal((new DateOnly(2026, 1, 8), 104m), history.CloseOnOrBefore(new DateOnly(2026, 1, 8)));
        var profile = Assert.Single(history.Daily.Profiles);
        Assert.Equal(500, profile.VolumeBy(VolumeProfile.SlotOf(new TimeOnly(10, 14))));
        Assert.Equal(2_000, profile.VolumeBy(VolumeProfile.SlotOf(new TimeOnly(16, 0))));
    }

    [Fact]
    public void A_ticks_previous_close_is_the_close_of_the_previous_trading_day_across_holidays()
    {
        var history = new SymbolHistory("688256.SS");
        history.Observe(new PriceTick("688256.SS", 101m, 99.5m, 1, new DateTimeOffset(2026, 2, 24, 2, 0, 0, TimeSpan.Zero), "CNY", "quotes"));

        Assert.Equal((new DateOnly(2026, 2, 13), 99.5m), history.CloseOnOrBefore(new DateOnly(2026, 2, 23)));
    }

    [Fact]
    public void Observing_the_same_tick_twice_changes_nothing_and_a_late_tick_of_a_closed_day_is_ignored()
    {
        var history = new SymbolHistory("2513.HK");
        history.Observe(Tick(100m, Ten, 500, previousClose: 98m));
        Assert.Equal((false, false), history.Observe(Tick(100m, Ten, 500, previousClose: 98m)));

        history.Observe(Tick(101m, Ten.AddDays(1)));
        Assert.Equal((false, false), history.Observe(Tick(90m, Ten.AddMinutes(1))));
        Assert.Equal(100m, history.CloseOnOrBefore(new DateOnly(2026, 1, 8))!.Value.Close);
    }

    [Fact]
    public void An_older_tick_of_today_widens_the_minute_range_but_is_not_the_latest_quote()
    {
        var history = new SymbolHistory("2513.HK");
        history.Observe(Tick(100m, Ten.AddMinutes(2)));
        history.Observe(Tick(90m, Ten.AddMinutes(1)));

        Assert.Equal(100m, history.Latest!.Price);
        Assert.Equal((90m, 100m), history.RangeSince(Ten));
        Assert.Equal((100m, 100m), history.RangeSince(Ten.AddMinutes(2)));
    }

    [Fact]
    public void Minute_ranges_older_than_the_longest_window_in_trading_time_are_dropped()
    {
        var history = new SymbolHistory("2513.HK");
        for (var minute = 0; minute < 400; minute++)
        {
            history.Observe(Tick(100m + minute, Ten.AddMinutes(minute)));
        }

        // Ticks from 10:00 to 16:39: 240 trading minutes back from the 16:00 close reach 11:00 (the lunch hour does not count).
        var first = DateTimeOffset.FromUnixTimeSeconds(history.Today!.Minutes[0].Minute * 60);
        Assert.Equal(Ten.AddHours(1), first);
        Assert.Equal(400 - 60, history.Today.Minutes.Count);
    }

    [Fact]
    public void Seeding_adds_closes_in_date_order_and_replaces_a_days_close()
    {
        var history = new SymbolHistory("2513.HK");
        history.Seed([(new DateOnly(2026, 1, 7), 120m), (new DateOnly(2026, 1, 5), 100m), (new DateOnly(2026, 1, 6), 0m)]);
        history.Seed([(new DateOnly(2026, 1, 7), 121m)]);

        Assert.Equal([20260105, 20260107], history.Daily.Dates);
        Assert.Equal((121m, 100m, 2), history.CloseRange(DateOnly.MinValue, new DateOnly(2026, 1, 8)));
    }

    [Fact]
    public void Only_the_last_thirty_profiles_are_kept()
    {
        var daily = new DailyHistory();
        for (var day = 0; day < 40; day++)
        {
            daily.AddProfile(new DateOnly(2026, 1, 1).AddDays(day), [1, 2]);
        }

        Assert.Equal(DailyHistory.MaxProfileDays, daily.Profiles.Count);
        Assert.Equal(new DateOnly(2026, 1, 11), daily.Profiles[0].Date);
    }
}
