using Alerts.Core.Rules;
using static Alerts.Core.Tests.Rules.Market.MarketTestData;

namespace Alerts.Core.Tests.Rules.Market;

public sealed class VolumeSpikeRuleTests
{
    /// <summary>Two earlier days (6 and 7 January) traded 1M shares by 10:00 Hong Kong time and 3M by 15:00.</summary>
    private static MarketScript WithTwoNormalDays(VolumeSpikeRule rule)
    {
        var script = new MarketScript(rule);
        foreach (var daysBack in new[] { 2, 1 })
        {
            script.Tick(H, 100m, Ten.AddDays(-daysBack), volume: 1_000_000);
            script.Tick(H, 100m, Ten.AddDays(-daysBack).AddHours(5), volume: 3_000_000);
        }

        return script;
    }

    private static string Volumes(MarketScript script, DateTimeOffset start, params long[] volumes) =>
        new([.. volumes.Select((volume, i) => script.Tick(H, 100m, start.AddMinutes(5 * i), volume: volume) switch
        {
            { Fires: true } => '!',
            { HeldBack: true } => '-',
            _ => '.',
        })]);

    [Theory]
    // multiple, volumes today at 10:00, 10:05, 10:10 (the same quarter hour as the 1M average), fired
    [InlineData(3, new long[] { 2_500_000, 3_100_000, 3_200_000 }, ".!.")]
    [InlineData(3, new long[] { 3_000_000, 3_100_000 }, "!.")]
    [InlineData(4, new long[] { 2_500_000, 3_100_000, 3_200_000 }, "...")]
    [InlineData(2, new long[] { 1_900_000, 2_000_000 }, ".!")]
    public void Fires_when_volume_so_far_reaches_the_multiple_of_the_same_time_average(int multiple, long[] volumes, string expected)
    {
        var script = WithTwoNormalDays(Spike(multiple));

        Assert.Equal(expected, Volumes(script, Ten, volumes));
    }

    [Fact]
    public void Later_in_the_day_the_average_is_later_in_the_day_too()
    {
        var script = WithTwoNormalDays(Spike(2));

        // By 15:00 the earlier days had traded 3M: 5.9M is not yet twice that, 6M is.
        Assert.Equal(".!", Volumes(script, Ten.AddHours(5), 5_900_000, 6_000_000));
        Assert.Equal("volume 6,000,000 by 15:05 is 2× the 2-day average 3,000,000 (threshold 2×)", script.Last!.Explanation);
    }

    [Fact]
    public void Without_earlier_days_it_is_held_back()
    {
        var script = new MarketScript(Spike(3));

        Assert.Equal("-", Volumes(script, Ten, 5_000_000));
        Assert.Equal("held back: no volume of 2513.HK by 10:00 on earlier days", script.Last!.Reason);
    }

    [Fact]
    public void The_next_trading_day_rearms_and_counts_today_in_its_average()
    {
        var script = WithTwoNormalDays(Spike(3));
        Assert.Equal("!", Volumes(script, Ten, 3_100_000));

        // Friday: the average by 10:00 is now (1M + 1M + 3.1M) / 3 = 1.7M, so 5.1M is three times it.
        Assert.Equal(".!", Volumes(script, Ten.AddDays(1), 5_000_000, 5_100_000));
    }

    [Theory]
    // volume on Monday 28 December by 15:00 (Hong Kong), multiple 2: Wednesday traded 3M by 15:00, Christmas Eve closed at 12:00 on 1.5M
    [InlineData(5_900_000, ".")] // against Wednesday alone (3M): under 2×; with the half-day averaged in (2.25M) it would be 2.6×
    [InlineData(6_000_000, "!")]
    public void A_half_day_is_left_out_of_the_average_after_its_early_close(long volume, string expected)
    {
        var script = new MarketScript(Spike(2));
        var wednesday = new DateTimeOffset(2026, 12, 23, 10, 0, 0, TimeSpan.FromHours(8));
        script.Tick(H, 100m, wednesday, volume: 1_000_000);
        script.Tick(H, 100m, wednesday.AddHours(5), volume: 3_000_000);
        script.Tick(H, 100m, wednesday.AddDays(1), volume: 1_000_000);
        script.Tick(H, 100m, wednesday.AddDays(1).AddMinutes(115), volume: 1_500_000);

        Assert.Equal(expected, Volumes(script, wednesday.AddDays(5).AddHours(5), volume));
        Assert.Equal(1, script.Memory.History(H)!.AverageVolumeBy(60, 20, new DateOnly(2026, 12, 28))!.Value.Days);
        Assert.Equal(2, script.Memory.History(H)!.AverageVolumeBy(40, 20, new DateOnly(2026, 12, 28))!.Value.Days); // by 10:00 both count
    }

    [Fact]
    public void Days_limits_how_many_earlier_days_are_averaged()
    {
        var script = WithTwoNormalDays(Spike(3, days: 1));
        script.Tick(H, 100m, Ten.AddHours(1), volume: 9_000_000); // today, an hour later: not an earlier day

        Assert.Equal(1, script.Memory.History(H)!.AverageVolumeBy(40, 1, new DateOnly(2026, 1, 8))!.Value.Days);
    }
}
