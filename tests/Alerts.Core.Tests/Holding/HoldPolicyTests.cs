using Alerts.Core.Holding;
using Alerts.Core.Model;

namespace Alerts.Core.Tests.Holding;

public class HoldPolicyTests
{
    private static Subscription Quiet(string from, string until, string zone = "Asia/Hong_Kong") =>
        new("t1", "s1", "r1", ["c1"], TimeZone: zone, QuietHours: new QuietHours(from, until));

    private static Subscription Digest(params string[] at) => new("t1", "s1", "r1", ["c1"], TimeZone: "Asia/Hong_Kong", Digest: new DigestSchedule(at));

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("22:00", "07:00", "2026-01-08T15:00:00Z", "2026-01-08T23:00:00Z")] // 23:00 in Hong Kong: held until 07:00 the next morning
    [InlineData("22:00", "07:00", "2026-01-08T20:00:00Z", "2026-01-08T23:00:00Z")] // 04:00 after midnight: same morning
    [InlineData("22:00", "07:00", "2026-01-08T14:00:00Z", "2026-01-08T23:00:00Z")] // exactly 22:00: the window has begun
    [InlineData("22:00", "07:00", "2026-01-08T23:00:00Z", null)] // exactly 07:00: the window is over
    [InlineData("22:00", "07:00", "2026-01-08T01:30:00Z", null)] // 09:30: sent at once
    [InlineData("12:00", "13:00", "2026-01-08T04:30:00Z", "2026-01-08T05:00:00Z")] // a lunch-hour window that does not cross midnight
    public void Quiet_hours_hold_until_the_window_ends_in_the_subscribers_zone(string from, string until, string now, string? releaseAt)
    {
        var hold = HoldPolicy.HoldFor(Quiet(from, until), Utc(now));

        Assert.Equal(releaseAt is null ? null : Utc(releaseAt), hold?.ReleaseAt);
        if (hold is not null)
        {
            Assert.Equal((HoldReason.QuietHours, $"{from}–{until} Asia/Hong_Kong"), (hold.Reason, hold.Window));
        }
    }

    [Fact]
    public void A_window_ending_in_a_daylight_saving_gap_ends_an_hour_later_on_the_clock()
    {
        // New York skips 02:00-03:00 on 8 March 2026: "until 02:30" that night means 03:30 EDT.
        var hold = HoldPolicy.HoldFor(Quiet("01:00", "02:30", "America/New_York"), Utc("2026-03-08T06:30:00Z"));

        Assert.Equal(Utc("2026-03-08T07:30:00Z"), hold?.ReleaseAt);
    }

    [Theory]
    [InlineData("2026-01-08T01:30:00Z", "2026-01-09T00:00:00Z", "08:00")] // 09:30 in Hong Kong: tomorrow's 08:00
    [InlineData("2026-01-07T23:59:00Z", "2026-01-08T00:00:00Z", "08:00")] // 07:59: in a minute
    [InlineData("2026-01-08T01:30:00Z", "2026-01-08T10:00:00Z", "08:00", "18:00")] // the next of several times
    public void A_digest_holds_until_its_next_time_of_day(string now, string releaseAt, params string[] at)
    {
        var hold = HoldPolicy.HoldFor(Digest(at), Utc(now));

        Assert.Equal(Utc(releaseAt), hold?.ReleaseAt);
        Assert.Equal(HoldReason.Digest, hold?.Reason);
    }

    [Fact]
    public void A_subscription_without_a_schedule_is_never_held() =>
        Assert.Null(HoldPolicy.HoldFor(new Subscription("t1", "s1", "r1", ["c1"]), Utc("2026-01-08T15:00:00Z")));

    [Theory]
    [InlineData("25:00", "07:00", null, "quietHours.from")]
    [InlineData("22:00", "7am", null, "quietHours.until")]
    [InlineData("22:00", "22:00", null, "quietHours")]
    [InlineData("22:00", "07:00", "Mars/Olympus_Mons", "timeZone")]
    public void A_bad_quiet_window_is_refused_naming_the_field(string from, string until, string? zone, string field)
    {
        var subscription = Quiet(from, until) with { TimeZone = zone };

        Assert.Equal(field, HoldPolicy.Problem(subscription)?.Field);
    }

    [Fact]
    public void A_digest_needs_one_to_twenty_four_valid_times()
    {
        Assert.Equal("digest.at", HoldPolicy.Problem(Digest())?.Field);
        Assert.Equal("digest.at", HoldPolicy.Problem(Digest("08:00", "noon"))?.Field);
        Assert.Null(HoldPolicy.Problem(Digest("08:00", "18:30")));
    }
}
