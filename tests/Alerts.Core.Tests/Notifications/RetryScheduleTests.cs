using Alerts.Core.Notifications;

namespace Alerts.Core.Tests.Notifications;

public sealed class RetryScheduleTests
{
    private static readonly RetrySchedule NoJitter = new() { BaseDelay = TimeSpan.FromSeconds(5), Multiplier = 2, MaxDelay = TimeSpan.FromMinutes(10), MaxAttempts = 10, JitterRatio = 0 };

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(4, 40)]
    [InlineData(7, 320)]
    [InlineData(8, 600)]
    [InlineData(9, 600)]
    public void Delays_grow_exponentially_up_to_the_cap(int attemptsSoFar, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), NoJitter.NextDelay(attemptsSoFar, null, new Random(1)));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(11)]
    public void There_is_no_next_attempt_after_the_last_one(int attemptsSoFar)
    {
        Assert.Null(NoJitter.NextDelay(attemptsSoFar, null, new Random(1)));
        Assert.Null(NoJitter.NextDelay(attemptsSoFar, TimeSpan.FromSeconds(1), new Random(1)));
    }

    [Fact]
    public void Jitter_stays_within_its_ratio_and_actually_varies()
    {
        var schedule = NoJitter with { JitterRatio = 0.2 };
        var random = new Random(3);

        var delays = Enumerable.Range(0, 2000).Select(_ => schedule.NextDelay(3, null, random)!.Value).ToList();

        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromSeconds(16), TimeSpan.FromSeconds(24)));
        Assert.True(delays.Min() < TimeSpan.FromSeconds(17) && delays.Max() > TimeSpan.FromSeconds(23), "jitter spreads over the whole band");
    }

    [Fact]
    public void Jitter_is_applied_to_the_capped_delay()
    {
        var schedule = NoJitter with { JitterRatio = 0.5, MaxAttempts = 100 };
        var random = new Random(5);

        Assert.All(Enumerable.Range(0, 500), _ => Assert.InRange(schedule.NextDelay(30, null, random)!.Value, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15)));
    }

    [Theory]
    [InlineData(60, 60)]
    [InlineData(3, 20)]
    [InlineData(3600, 3600)]
    public void Retry_after_wins_when_it_asks_for_longer(int retryAfterSeconds, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), NoJitter.NextDelay(3, TimeSpan.FromSeconds(retryAfterSeconds), new Random(1)));
    }

    [Fact]
    public void The_default_schedule_dead_letters_after_eight_attempts_about_fourteen_hours_in()
    {
        var schedule = RetrySchedule.Default with { JitterRatio = 0 };
        var total = Enumerable.Range(1, schedule.MaxAttempts - 1).Aggregate(TimeSpan.Zero, (sum, n) => sum + schedule.NextDelay(n, null, new Random(1))!.Value);

        Assert.Equal(8, schedule.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(10 + 40 + 160 + 640 + 2560 + 10240 + 36000), total);
        Assert.Null(schedule.NextDelay(8, null, new Random(1)));
    }
}
