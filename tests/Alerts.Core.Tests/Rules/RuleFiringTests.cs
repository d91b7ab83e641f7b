using Alerts.Core.Model;
using Alerts.Core.Rules;
using static Alerts.Core.Tests.TestData;

namespace Alerts.Core.Tests.Rules;

public sealed class RuleFiringTests
{
    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    public static TheoryData<string, Frequency, string, string, bool> SecondAnnouncement => new()
    {
        { "every time fires again a second later", Frequency.EveryTime, "2026-01-08T01:30:00Z", "2026-01-08T01:30:01Z", true },
        { "once never fires again, even a month later", Frequency.Once, "2026-01-08T01:30:00Z", "2026-02-08T01:30:00Z", false },
        { "once per trading day: same Hong Kong morning", Frequency.OncePerTradingDay, "2026-01-08T01:30:00Z", "2026-01-08T05:00:00Z", false },
        { "once per trading day: 23:30 then 00:30 UTC+8 is a new day", Frequency.OncePerTradingDay, "2026-01-08T15:30:00Z", "2026-01-08T16:30:00Z", true },
        { "once per trading day: 00:30 and 23:29 UTC+8 are one day across two UTC dates", Frequency.OncePerTradingDay, "2026-01-07T16:30:00Z", "2026-01-08T15:29:00Z", false },
        { "once per trading day: 23:30 UTC is already tomorrow in Hong Kong", Frequency.OncePerTradingDay, "2026-01-08T01:30:00Z", "2026-01-08T23:30:00Z", true },
        { "cooldown: one tick before the end suppresses", Frequency.Every(TimeSpan.FromHours(1)), "2026-01-08T01:30:00Z", "2026-01-08T02:29:59.9999999Z", false },
        { "cooldown: exactly at the end fires", Frequency.Every(TimeSpan.FromHours(1)), "2026-01-08T01:30:00Z", "2026-01-08T02:30:00Z", true },
        { "cooldown: after the end fires", Frequency.Every(TimeSpan.FromHours(1)), "2026-01-08T01:30:00Z", "2026-01-08T03:00:00Z", true },
    };

    [Theory]
    [MemberData(nameof(SecondAnnouncement))]
    public void Frequency_decides_whether_a_second_announcement_fires(string because, Frequency frequency, string first, string second, bool secondFires)
    {
        var script = new FiringScript(AnnouncementRule("r1", frequency: frequency), Zhipu.Id, Zhipu);

        Assert.True(script.Fires(AnnouncementEvent("a1", Utc(first))), "the first announcement fires");
        Assert.True(secondFires == script.Fires(AnnouncementEvent("a2", Utc(second))), because);
    }

    [Fact]
    public void Once_fires_a_single_time_over_many_announcements()
    {
        var script = new FiringScript(AnnouncementRule("r1", frequency: Frequency.Once), Zhipu.Id, Zhipu);

        var fired = Enumerable.Range(0, 10).Count(i => script.Fires(AnnouncementEvent("a" + i, Morning.AddDays(i))));

        Assert.Equal(1, fired);
        Assert.Equal(1, script.State!.FireCount);
    }

    [Fact]
    public void Once_per_trading_day_for_a_US_listed_company_follows_New_York_days()
    {
        var script = new FiringScript(AnnouncementRule("r1", CompanyScope.Of("apple"), Frequency.OncePerTradingDay), Apple.Id, Apple);
        var open = new DateTimeOffset(2026, 1, 8, 14, 35, 0, TimeSpan.Zero); // 09:35 in New York, 22:35 in Hong Kong

        Assert.True(script.Fires(AnnouncementEvent("a1", open)));
        Assert.False(script.Fires(AnnouncementEvent("a2", open.AddHours(3))));
        Assert.True(script.Fires(AnnouncementEvent("a3", open.AddDays(1))));
    }

    [Fact]
    public void Cooldown_counts_from_the_last_firing_not_from_the_last_suppressed_event()
    {
        var script = new FiringScript(AnnouncementRule("r1", frequency: Frequency.Every(TimeSpan.FromHours(1))), Zhipu.Id, Zhipu);

        Assert.True(script.Fires(AnnouncementEvent("a1", Morning)));
        Assert.False(script.Fires(AnnouncementEvent("a2", Morning.AddMinutes(50))));
        Assert.True(script.Fires(AnnouncementEvent("a3", Morning.AddMinutes(60))));
    }

    public static TheoryData<string, int, bool, string?> Expiry => new()
    {
        { "a second before expiry", -1, true, null },
        { "at the expiry instant", 0, false, "expired" },
        { "after expiry", 3600, false, "expired" },
    };

    [Theory]
    [MemberData(nameof(Expiry))]
    public void A_rule_stops_firing_at_its_expiry_time(string because, int secondsFromExpiry, bool fires, string? reason)
    {
        var expiresAt = Morning;
        var rule = AnnouncementRule("r1") with { ExpiresAt = expiresAt };

        var decision = RuleFiring.Decide(new RuleMatch(rule, Zhipu.Id, Zhipu), null, AnnouncementEvent("a1", expiresAt.AddSeconds(secondsFromExpiry)));

        Assert.True(fires == decision.Fires, because);
        if (reason is not null)
        {
            Assert.Equal(reason, decision.Reason);
        }
    }

    [Fact]
    public void A_disabled_rule_does_not_fire()
    {
        var rule = AnnouncementRule("r1") with { Enabled = false };

        var decision = RuleFiring.Decide(new RuleMatch(rule, Zhipu.Id, Zhipu), null, AnnouncementEvent("a1", Morning));

        Assert.False(decision.Fires);
        Assert.Equal("disabled", decision.Reason);
        Assert.False(decision.StateChanged);
    }

    [Theory]
    [InlineData(FrequencyKind.EveryTime)]
    [InlineData(FrequencyKind.Once)]
    [InlineData(FrequencyKind.OncePerTradingDay)]
    [InlineData(FrequencyKind.Cooldown)]
    public void Replaying_the_event_that_fired_fires_again_without_changing_state(FrequencyKind kind)
    {
        var frequency = new Frequency(kind, TimeSpan.FromDays(1));
        var rule = AnnouncementRule("r1", frequency: frequency);
        var match = new RuleMatch(rule, Zhipu.Id, Zhipu);
        var announcement = AnnouncementEvent("a1", Morning);
        var first = RuleFiring.Decide(match, null, announcement);

        var replay = RuleFiring.Decide(match, first.State, announcement);

        Assert.True(first.Fires);
        Assert.True(replay.Fires);
        Assert.False(replay.StateChanged);
        Assert.Equal(first.State, replay.State);
        Assert.Equal(1, replay.State.FireCount);
    }

    [Fact]
    public void Replaying_the_event_that_fired_still_fires_after_the_rule_expired()
    {
        var rule = AnnouncementRule("r1") with { ExpiresAt = Morning.AddMinutes(1) };
        var match = new RuleMatch(rule, Zhipu.Id, Zhipu);
        var announcement = AnnouncementEvent("a1", Morning);
        var first = RuleFiring.Decide(match, null, announcement);

        // The rule is read again later with a shorter expiry: the alert that already exists must still be recognised.
        var replay = RuleFiring.Decide(new RuleMatch(rule with { ExpiresAt = Morning }, Zhipu.Id, Zhipu), first.State, announcement);

        Assert.True(replay.Fires);
    }

    [Fact]
    public void Replaying_a_price_tick_that_fired_fires_again()
    {
        var script = new FiringScript(MoveRule("m1", 5m), "2513.HK");
        var tick = TickEvent("2513.HK", 106m, 100m, Morning);

        Assert.True(script.Fires(tick));
        Assert.True(script.Fires(tick));
        Assert.Equal(1, script.State!.FireCount);
    }

    [Fact]
    public void The_first_decision_always_asks_for_the_state_to_be_stored()
    {
        var decision = RuleFiring.Decide(new RuleMatch(MoveRule("m1", 5m), "2513.HK", Zhipu), null, TickEvent("2513.HK", 101m, 100m, Morning));

        Assert.False(decision.Fires);
        Assert.True(decision.StateChanged);
        Assert.Equal(Morning, decision.State.LastSeenAt);
    }
}
