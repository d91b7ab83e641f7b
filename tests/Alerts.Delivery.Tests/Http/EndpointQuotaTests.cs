using Alerts.Delivery.Http;
using Microsoft.Extensions.Time.Testing;

namespace Alerts.Delivery.Tests.Http;

public class EndpointQuotaTests
{
    private static readonly QuotaWindow[] HourlyThree = [new(TimeSpan.FromHours(1), 3)];

    [Fact]
    public void A_full_window_refuses_with_the_time_until_its_oldest_send_leaves_and_other_endpoints_are_unaffected()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var quota = new EndpointQuota(time);
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(quota.TryAcquire("https://hooks/a", HourlyThree));
            time.Advance(TimeSpan.FromMinutes(10));
        }

        var refused = quota.TryAcquire("https://hooks/a", HourlyThree);
        var other = quota.TryAcquire("https://hooks/b", HourlyThree);
        time.Advance(TimeSpan.FromMinutes(30));
        var afterOldestLeft = quota.TryAcquire("https://hooks/a", HourlyThree);

        Assert.Equal(TimeSpan.FromMinutes(30), refused?.RetryAfter);
        Assert.Equal(HourlyThree[0], refused?.Window);
        Assert.Null(other);
        Assert.Null(afterOldestLeft);
    }

    [Fact]
    public void A_returned_send_frees_its_slot()
    {
        var quota = new EndpointQuota(new FakeTimeProvider(DateTimeOffset.UnixEpoch));
        for (var i = 0; i < 3; i++)
        {
            quota.TryAcquire("e", HourlyThree);
        }

        quota.Release("e");

        Assert.Null(quota.TryAcquire("e", HourlyThree));
        Assert.NotNull(quota.TryAcquire("e", HourlyThree));
    }

    [Fact]
    public void The_tightest_full_window_is_the_one_reported()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var quota = new EndpointQuota(time);
        QuotaWindow[] windows = [new(TimeSpan.FromSeconds(30), 60), new(TimeSpan.FromDays(1), 2)];
        quota.TryAcquire("e", windows);
        time.Advance(TimeSpan.FromHours(5));
        quota.TryAcquire("e", windows);

        var refused = quota.TryAcquire("e", windows);

        Assert.Equal((windows[1], TimeSpan.FromHours(19)), refused);
        Assert.Equal("2 messages per 1 day", windows[1].Describe());
    }
}
