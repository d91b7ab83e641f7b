using Microsoft.Extensions.Logging;

namespace Alerts.Core.Notifications;

/// <summary>What the breaker said to one delivery: send (possibly as the half-open probe) or wait until <see cref="RetryAt"/>.</summary>
public readonly record struct BreakerPass(bool Allowed, DateTimeOffset RetryAt, long ProbeId = 0)
{
    public bool IsProbe => ProbeId != 0;
}

/// <summary>
/// Per-endpoint circuit breaker. <see cref="CircuitBreakerOptions.FailureThreshold"/> consecutive retryable failures (5xx,
/// timeouts, connection errors) open it for a cool-down; while open, deliveries wait without making an attempt. When the cool-down
/// ends one probe is let through: success closes it, failure re-opens it with a doubled cool-down (capped). 429 is pacing and
/// permanent answers are about the message, so neither trips it nor resets the count. State lives in memory per process: on
/// scale-out each instance learns about a failing endpoint on its own.
/// </summary>
public sealed partial class CircuitBreaker(CircuitBreakerOptions options, TimeProvider time, ILogger<CircuitBreaker> logger)
{
    private const int PruneAbove = 10_000;
    private readonly Dictionary<string, State> _states = [];
    private readonly Lock _gate = new();
    private long _lastProbeId;

    public BreakerPass TryPass(BreakerEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_states.TryGetValue(endpoint.Key, out var state) || state.OpenUntil is not { } openUntil)
            {
                return new BreakerPass(true, now);
            }

            if (now < openUntil)
            {
                return new BreakerPass(false, openUntil);
            }

            if (state.ProbeId != 0 && now < state.ProbeStarted + options.ProbeTimeout)
            {
                return new BreakerPass(false, state.ProbeStarted + options.ProbeTimeout);
            }

            state.ProbeId = ++_lastProbeId;
            state.ProbeStarted = now;
            LogProbing(logger, endpoint.Display);
            return new BreakerPass(true, now, state.ProbeId);
        }
    }

    /// <summary>Records what the endpoint answered to a send made with <paramref name="pass"/>.</summary>
    public void Record(BreakerEndpoint endpoint, BreakerPass pass, DeliveryResult result)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(result);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            _states.TryGetValue(endpoint.Key, out var state);
            var ownProbe = pass.IsProbe && state is not null && state.ProbeId == pass.ProbeId;
            if (ownProbe)
            {
                state!.ProbeId = 0;
            }

            if (result is DeliveryResult.Delivered)
            {
                if (state is not null && _states.Remove(endpoint.Key) && state.OpenUntil is not null)
                {
                    LogClosed(logger, endpoint.Display);
                }

                return;
            }

            if (!TripsBreaker(result))
            {
                return;
            }

            state ??= Add(endpoint.Key, now);
            state.LastFailure = now;
            if (ownProbe && state.OpenUntil is not null)
            {
                state.CoolDown = Min(state.CoolDown * 2, options.MaxCoolDown);
                state.OpenUntil = now + state.CoolDown;
                LogReopened(logger, endpoint.Display, state.CoolDown);
            }
            else if (state.OpenUntil is null && ++state.Failures >= options.FailureThreshold)
            {
                state.CoolDown = options.CoolDown;
                state.OpenUntil = now + state.CoolDown;
                LogOpened(logger, endpoint.Display, state.Failures, state.CoolDown);
            }
        }
    }

    /// <summary>A send made with <paramref name="pass"/> ended without an answer worth judging by (shutdown): its probe slot is freed.</summary>
    public void Abandon(BreakerEndpoint endpoint, BreakerPass pass)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        lock (_gate)
        {
            if (pass.IsProbe && _states.TryGetValue(endpoint.Key, out var state) && state.ProbeId == pass.ProbeId)
            {
                state.ProbeId = 0;
            }
        }
    }

    /// <summary>Failures that say the endpoint is down, not that the message is wrong or the sender is being paced.</summary>
    public static bool TripsBreaker(DeliveryResult result) =>
        result is DeliveryResult.Retryable { Reason: FailureReason.ServerError or FailureReason.Timeout or FailureReason.Network };

    private State Add(string key, DateTimeOffset now)
    {
        if (_states.Count > PruneAbove)
        {
            // Closed endpoints that failed once and never again: forgetting them only restarts their count.
            foreach (var stale in _states.Where(p => p.Value.OpenUntil is null && p.Value.LastFailure < now - options.MaxCoolDown).Select(p => p.Key).ToList())
            {
                _states.Remove(stale);
            }
        }

        var state = new State { LastFailure = now };
        _states[key] = state;
        return state;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private sealed class State
    {
        public int Failures { get; set; }

        public DateTimeOffset LastFailure { get; set; }

        public DateTimeOffset? OpenUntil { get; set; }

        public TimeSpan CoolDown { get; set; }

        public long ProbeId { get; set; }

        public DateTimeOffset ProbeStarted { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Circuit breaker of {Endpoint} opened after {Failures} consecutive failures; deliveries wait {CoolDown}")]
    private static partial void LogOpened(ILogger logger, string endpoint, int failures, TimeSpan coolDown);

    [LoggerMessage(Level = LogLevel.Information, Message = "Circuit breaker of {Endpoint} half-open: one probe delivery let through")]
    private static partial void LogProbing(ILogger logger, string endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Circuit breaker of {Endpoint} re-opened: the probe failed; deliveries wait {CoolDown}")]
    private static partial void LogReopened(ILogger logger, string endpoint, TimeSpan coolDown);

    [LoggerMessage(Level = LogLevel.Information, Message = "Circuit breaker of {Endpoint} closed: the endpoint answered again")]
    private static partial void LogClosed(ILogger logger, string endpoint);
}
