using Alerts.Delivery.Http;
using Microsoft.Extensions.Time.Testing;

namespace Alerts.Delivery.Tests.Http;

public class EndpointPacerTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void Slots_of_one_endpoint_are_spaced_by_the_interval_and_other_endpoints_are_unaffected()
    {
        var pacer = new EndpointPacer(new FakeTimeProvider(DateTimeOffset.UnixEpoch));

        var waits = Enumerable.Range(0, 3).Select(_ => pacer.Reserve("https://hooks/a", Second, TimeSpan.FromMinutes(1), out TimeSpan _)).ToList();
        var other = pacer.Reserve("https://hooks/b", Second, TimeSpan.FromMinutes(1), out TimeSpan _);

        Assert.Equal([TimeSpan.Zero, Second, 2 * Second], waits);
        Assert.Equal(TimeSpan.Zero, other);
    }

    [Fact]
    public void A_slot_beyond_the_longest_wait_is_refused_with_the_time_to_come_back_and_not_claimed()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var pacer = new EndpointPacer(time);
        pacer.Reserve("e", Second, Second, out _);
        pacer.Reserve("e", Second, Second, out _);

        var refused = pacer.Reserve("e", Second, Second, out var retryAfter);
        time.Advance(Second);
        var later = pacer.Reserve("e", Second, Second, out _);

        Assert.Null(refused);
        Assert.Equal(2 * Second, retryAfter);
        Assert.Equal(Second, later);
    }

    [Fact]
    public async Task A_hold_from_the_platform_delays_the_next_turn_on_the_pacers_clock()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var pacer = new EndpointPacer(time);
        pacer.HoldFor("e", TimeSpan.FromSeconds(3));

        var turn = pacer.WaitTurnAsync("e", TimeSpan.Zero, TimeSpan.FromSeconds(5), CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(turn.IsCompleted);
        time.Advance(Second);

        Assert.Equal((true, TimeSpan.Zero), await turn);
    }

    [Fact]
    public async Task A_hold_longer_than_the_caller_may_wait_is_handed_back_at_once()
    {
        var pacer = new EndpointPacer(new FakeTimeProvider(DateTimeOffset.UnixEpoch));
        pacer.HoldFor("e", TimeSpan.FromSeconds(7));

        var (granted, retryAfter) = await pacer.WaitTurnAsync("e", TimeSpan.Zero, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.False(granted);
        Assert.Equal(TimeSpan.FromSeconds(7), retryAfter);
    }
}
