namespace Alerts.Core.Tests;

public sealed class StableIdsTests
{
    [Fact]
    public void The_same_inputs_give_the_same_ids()
    {
        Assert.Equal(StableIds.Alert("t1", "r1", "hkex:1"), StableIds.Alert("t1", "r1", "hkex:1"));
        Assert.Equal(StableIds.Delivery("al_x", "ch1"), StableIds.Delivery("al_x", "ch1"));
    }

    [Theory]
    [InlineData("t2", "r1", "hkex:1")]
    [InlineData("t1", "r2", "hkex:1")]
    [InlineData("t1", "r1", "hkex:2")]
    [InlineData("t1r1", "", "hkex:1")]
    [InlineData("t1", "r1|hkex:1", "")]
    public void Alert_ids_differ_by_tenant_rule_and_event(string tenant, string rule, string eventId)
    {
        Assert.NotEqual(StableIds.Alert("t1", "r1", "hkex:1"), StableIds.Alert(tenant, rule, eventId));
    }

    [Fact]
    public void Delivery_ids_differ_by_alert_and_channel()
    {
        var id = StableIds.Delivery("al_1", "ch1");

        Assert.NotEqual(id, StableIds.Delivery("al_2", "ch1"));
        Assert.NotEqual(id, StableIds.Delivery("al_1", "ch2"));
        Assert.NotEqual(StableIds.Delivery("a", "bc"), StableIds.Delivery("ab", "c"));
    }

    [Theory]
    [InlineData("default", "rule/with/slashes", "sse:北京.智谱?#")]
    [InlineData("t", "r", "")]
    public void Ids_are_a_prefix_and_lowercase_hex_only(string tenant, string rule, string eventId)
    {
        var alert = StableIds.Alert(tenant, rule, eventId);
        var delivery = StableIds.Delivery(alert, "ch.1");

        Assert.Matches("^al_[0-9a-f]{32}$", alert);
        Assert.Matches("^dl_[0-9a-f]{32}$", delivery);
        Assert.DoesNotContain('.', alert + delivery);
    }

    [Fact]
    public void Ids_are_stable_across_releases()
    {
        // Changing the hash would re-alert on every replayed event: pin one value.
        Assert.Equal(StableIds.Alert("t1", "r1", "hkex:1"), "al_" + Convert.ToHexStringLower(
            System.Security.Cryptography.SHA256.HashData("2:t1|2:r1|6:hkex:1|"u8)[..16]));
    }
}
