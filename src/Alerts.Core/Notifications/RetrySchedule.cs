namespace Alerts.Core.Notifications;

/// <summary>
/// When to try again: exponential backoff from <see cref="BaseDelay"/> by <see cref="Multiplier"/>, capped at <see cref="MaxDelay"/>,
/// with ±<see cref="JitterRatio"/> jitter so a recovering endpoint is not hit by every delivery at once. A server's Retry-After wins
/// when it asks for longer. The default (10 s, 40 s, 2.7 min, 11 min, 43 min, 2.8 h, 10 h) rides out an endpoint's bad afternoon
/// over about 14 hours and 8 attempts, in the spirit of the Standard Webhooks and Svix schedules.
/// </summary>
public sealed record RetrySchedule
{
    public int MaxAttempts { get; init; } = 8;

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(10);

    public double Multiplier { get; init; } = 4;

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromHours(10);

    public double JitterRatio { get; init; } = 0.2;

    public static RetrySchedule Default { get; } = new();

    /// <summary>The delay before attempt <paramref name="attemptsSoFar"/> + 1, or null when attempts are exhausted.</summary>
    public TimeSpan? NextDelay(int attemptsSoFar, TimeSpan? retryAfter, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (attemptsSoFar >= MaxAttempts)
        {
            return null;
        }

        var exponent = Math.Min(attemptsSoFar - 1, 30);
        var backoff = BaseDelay.Ticks * Math.Pow(Multiplier, Math.Max(0, exponent));
        var capped = Math.Min(backoff, MaxDelay.Ticks);
        var jitter = 1 + ((random.NextDouble() * 2) - 1) * JitterRatio;
        var delay = TimeSpan.FromTicks((long)(capped * jitter));
        return retryAfter is { } asked && asked > delay ? asked : delay;
    }
}
