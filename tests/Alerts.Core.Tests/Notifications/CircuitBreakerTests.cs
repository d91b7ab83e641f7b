using Alerts.Core.Model;
using Alerts.Core.Notifications;
using Alerts.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Alerts.Core.Tests.Notifications;

public sealed class CircuitBreakerTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DeliveryResult Ok = new DeliveryResult.Delivered(200);
    private static readonly DeliveryResult Unavailable = new DeliveryResult.Retryable(FailureReason.ServerError, "HTTP 503", 503);

    private static readonly CircuitBreakerOptions Options = new()
    {
        FailureThreshold = 3, CoolDown = TimeSpan.FromSeconds(30), MaxCoolDown = TimeSpan.FromMinutes(2), ProbeTimeout = TimeSpan.FromSeconds(20),
    };

    private static readonly BreakerEndpoint Hook = BreakerEndpoint.For(Channel(ChannelKind.Slack, "https://hooks.slack.test/services/T1/B1/secret-one"));
    private static readonly BreakerEndpoint OtherHook = BreakerEndpoint.For(Channel(ChannelKind.Slack, "https://hooks.slack.test/services/T1/B2/secret-two"));

    private readonly ManualTimeProvider _time = new(Start);

    public static TheoryData<string, DeliveryResult, bool> Answers => new()
    {
        { "503", Unavailable, true },
        { "500", new DeliveryResult.Retryable(FailureReason.ServerError, "HTTP 500", 500), true },
        { "408", new DeliveryResult.Retryable(FailureReason.Timeout, "HTTP 408", 408), true },
        { "timeout", new DeliveryResult.Retryable(FailureReason.Timeout, "timed out", null), true },
        { "connection refused", new DeliveryResult.Retryable(FailureReason.Network, "network error: ConnectionError", null), true },
        { "429", new DeliveryResult.Retryable(FailureReason.RateLimited, "HTTP 429", 429, TimeSpan.FromSeconds(1)), false },
        { "paced locally", new DeliveryResult.Retryable(FailureReason.RateLimited, "paced", null, TimeSpan.FromSeconds(1)), false },
        { "sender bug", new DeliveryResult.Retryable(FailureReason.Internal, "NullReferenceException", null), false },
        { "400", new DeliveryResult.Permanent(FailureReason.Rejected, "HTTP 400", 400), false },
        { "403", new DeliveryResult.Permanent(FailureReason.Rejected, "HTTP 403", 403), false },
        { "410", new DeliveryResult.Permanent(FailureReason.Gone, "HTTP 410", 410, DisableEndpoint: true), false },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void Only_answers_that_say_the_endpoint_is_down_open_the_breaker(string answer, DeliveryResult result, bool opens)
    {
        var breaker = NewBreaker();

        for (var i = 0; i < Options.FailureThreshold; i++)
        {
            var pass = breaker.TryPass(Hook);
            Assert.True(pass.Allowed, $"{answer}: send {i + 1} should still go out");
            breaker.Record(Hook, pass, result);
        }

        var next = breaker.TryPass(Hook);
        Assert.Equal(!opens, next.Allowed);
        Assert.Equal(opens ? Start + Options.CoolDown : Start, next.RetryAt);
    }

    [Fact]
    public void It_opens_on_the_threshold_th_consecutive_failure_and_not_before()
    {
        var breaker = NewBreaker();
        Fail(breaker, Hook, Options.FailureThreshold - 1);
        Assert.True(breaker.TryPass(Hook).Allowed);

        _time.Advance(TimeSpan.FromSeconds(5));
        Fail(breaker, Hook, 1);

        var held = breaker.TryPass(Hook);
        Assert.False(held.Allowed);
        Assert.Equal(_time.GetUtcNow() + Options.CoolDown, held.RetryAt);
    }

    [Fact]
    public void A_success_in_between_restarts_the_count()
    {
        var breaker = NewBreaker();
        Fail(breaker, Hook, Options.FailureThreshold - 1);
        breaker.Record(Hook, breaker.TryPass(Hook), Ok);
        Fail(breaker, Hook, Options.FailureThreshold - 1);

        Assert.True(breaker.TryPass(Hook).Allowed);
    }

    [Fact]
    public void Pacing_and_permanent_answers_in_between_neither_count_nor_restart_the_count()
    {
        var breaker = NewBreaker();
        Fail(breaker, Hook, Options.FailureThreshold - 1);
        breaker.Record(Hook, breaker.TryPass(Hook), new DeliveryResult.Retryable(FailureReason.RateLimited, "HTTP 429", 429));
        breaker.Record(Hook, breaker.TryPass(Hook), new DeliveryResult.Permanent(FailureReason.Rejected, "HTTP 400", 400));
        Assert.True(breaker.TryPass(Hook).Allowed);

        Fail(breaker, Hook, 1);

        Assert.False(breaker.TryPass(Hook).Allowed);
    }

    [Fact]
    public void After_the_cool_down_one_probe_goes_out_and_its_success_closes_the_breaker()
    {
        var breaker = NewBreaker();
        Fail(breaker, Hook, Options.FailureThreshold);
        _time.Advance(Options.CoolDown);

        var probe = breaker.TryPass(Hook);
        var whileProbing = breaker.TryPass(Hook);
        breaker.Record(Hook, probe, Ok);

        Assert.True(probe is { Allowed: true, IsProbe: true });
        Assert.False(whileProbing.Allowed);
        Assert.Equal(_time.GetUtcNow() + Options.ProbeTimeout, whileProbing.RetryAt);
        Assert.All(Enumerable.Range(0, 5).Select(_ => breaker.TryPass(Hook)), pass => Assert.True(pass is { Allowed: true, IsProbe: false }));

        // Closed means a fresh start: it takes the full threshold again to open it.
        Fail(breaker, Hook, Options.FailureThreshold - 1);
        Assert.True(breaker.TryPass(Hook).Allowed);
    }

    [Fact]
    public void Each_failed_probe_reopens_the_breaker_for_twice_as_long_up_to_the_maximum()
    {
        var breaker = NewBreaker();
        Fail(breaker, Hook, Options.FailureThreshold);
        var waits = new List<TimeSpan>();
        var openFor = Options.CoolDown;
        for (var probes = 0; probes < 4; probes++)
        {
            _time.Advance(openFor);
            var probe = breaker.TryPass(Hook);
            Assert.True(probe.IsProbe);
            breaker.Record(Hook, probe, Unavailable);
            var held = breaker.TryPass(Hook);
            Assert.False(held.Allowed);
            openFor = held.RetryAt - _time.GetUtcNow();
            waits.Add(openFor);
        }

        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(2)], waits);

        // Recovery resets the cool-down: the next outage starts from the short one again.
        _time.Advance(openFor);
        breaker.Record(Hook, breaker.TryPass(Hook), Ok);
        Fail(breaker, Hook, Options.FailureThreshold);
        Assert.Equal(_time.GetUtcNow() + Options.CoolDown, breaker.TryPass(Hook).RetryAt);
    }

    [Fact]
    public void A_late_failure_of_a_send_that_started_before_the_breaker_opened_does_not_extend_it()
    {
        var breaker = NewBreaker();
        var early = breaker.TryPass(Hook);
        Fail(breaker, Hook, Options.FailureThreshold);
        _time.Advance(TimeSpan.FromSeconds(10));

        breaker.Record(Hook, early, Unavailable);

        Assert.Equal(Start + Options.CoolDown, breaker.TryPass(Hook).RetryAt);
    }

    [Fact]
    public void A_probe_that_is_abandoned_or_never_answers_frees_the_slot_for_another()
    {
        var breaker = NewBreaker();
        Fail(breaker, Hook, Options.FailureThreshold);
        _time.Advance(Options.CoolDown);

        breaker.Abandon(Hook, breaker.TryPass(Hook));
        var afterAbandon = breaker.TryPass(Hook);
        Assert.True(afterAbandon.IsProbe);

        _time.Advance(Options.ProbeTimeout);
        var afterTimeout = breaker.TryPass(Hook);
        Assert.True(afterTimeout.IsProbe);

        // The first probe's late failure is stale: only the current probe decides.
        breaker.Record(Hook, afterAbandon, Unavailable);
        breaker.Record(Hook, afterTimeout, Ok);
        Assert.True(breaker.TryPass(Hook) is { Allowed: true, IsProbe: false });
    }

    [Fact]
    public async Task Concurrent_workers_at_half_open_let_exactly_one_probe_through()
    {
        var breaker = NewBreaker();
        Fail(breaker, Hook, Options.FailureThreshold);
        _time.Advance(Options.CoolDown);
        using var start = new Barrier(16);

        // Dedicated threads released together by the barrier (pool threads would trickle in on a small machine).
        var passes = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Factory.StartNew(
            () =>
            {
                Assert.True(start.SignalAndWait(TimeSpan.FromSeconds(30)));
                return breaker.TryPass(Hook);
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)));

        Assert.Single(passes, p => p.Allowed);
        Assert.Single(passes, p => p.IsProbe);
    }

    [Fact]
    public void Another_endpoint_keeps_its_own_closed_breaker()
    {
        var breaker = NewBreaker();
        Fail(breaker, Hook, Options.FailureThreshold);

        Assert.False(breaker.TryPass(Hook).Allowed);
        Assert.True(breaker.TryPass(OtherHook).Allowed);
    }

    [Fact]
    public void Endpoints_are_told_apart_by_kind_and_full_target_and_shown_without_the_secret_path()
    {
        var email = BreakerEndpoint.For(Channel(ChannelKind.Email, "a@example.test"));

        Assert.NotEqual(Hook.Key, OtherHook.Key);
        Assert.NotEqual(Hook.Key, BreakerEndpoint.For(Channel(ChannelKind.Webhook, "https://hooks.slack.test/services/T1/B1/secret-one")).Key);
        Assert.Equal(email.Key, BreakerEndpoint.For(Channel(ChannelKind.Email, "b@example.test")).Key);
        Assert.StartsWith("Slack hooks.slack.test #", Hook.Display, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", Hook.Display + Hook.Key, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("example", email.Display, StringComparison.Ordinal);
    }

    public static TheoryData<int, int, int, int> InvalidOptions => new()
    {
        { 0, 30, 600, 60 },
        { 3, 0, 600, 60 },
        { 3, 30, 10, 60 },
        { 3, 30, 600, 0 },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Settings_that_cannot_work_are_refused_at_start_up(int threshold, int coolDownSeconds, int maxCoolDownSeconds, int probeTimeoutSeconds)
    {
        var options = new CircuitBreakerOptions
        {
            FailureThreshold = threshold, CoolDown = TimeSpan.FromSeconds(coolDownSeconds),
            MaxCoolDown = TimeSpan.FromSeconds(maxCoolDownSeconds), ProbeTimeout = TimeSpan.FromSeconds(probeTimeoutSeconds),
        };

        Assert.Throws<InvalidOperationException>(options.Validated);
        Assert.Same(Options, Options.Validated());
    }

    private static Channel Channel(ChannelKind kind, string target) => new("t1", "c1", "team", kind, target);

    private static void Fail(CircuitBreaker breaker, BreakerEndpoint endpoint, int times)
    {
        for (var i = 0; i < times; i++)
        {
            breaker.Record(endpoint, breaker.TryPass(endpoint), Unavailable);
        }
    }

    private CircuitBreaker NewBreaker() => new(Options, _time, NullLogger<CircuitBreaker>.Instance);
}
