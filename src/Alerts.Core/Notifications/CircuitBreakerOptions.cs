namespace Alerts.Core.Notifications;

/// <summary>When the per-endpoint circuit breaker opens and how long it stays open.</summary>
public sealed record CircuitBreakerOptions
{
    /// <summary>Consecutive retryable failures (5xx, timeouts, connection errors) to one endpoint that open its breaker.</summary>
    public int FailureThreshold { get; init; } = 5;

    /// <summary>How long a freshly opened breaker holds deliveries back before one probe is let through.</summary>
    public TimeSpan CoolDown { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Each failed probe doubles the cool-down, up to this.</summary>
    public TimeSpan MaxCoolDown { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a probe may be out before another is allowed (a worker that died mid-probe must not hold the breaker half-open
    /// for ever); deliveries that arrive while the probe is out wait this long. The hosts set it to the delivery lease.
    /// </summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromMinutes(1);

    public CircuitBreakerOptions Validated()
    {
        if (FailureThreshold < 1)
        {
            throw new InvalidOperationException($"The circuit breaker's failure threshold ({FailureThreshold}) must be at least 1.");
        }

        if (CoolDown <= TimeSpan.Zero || MaxCoolDown < CoolDown)
        {
            throw new InvalidOperationException(
                $"The circuit breaker's cool-down ({CoolDown}) must be positive and no longer than its maximum ({MaxCoolDown}).");
        }

        if (ProbeTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"The circuit breaker's probe timeout ({ProbeTimeout}) must be positive.");
        }

        return this;
    }
}
