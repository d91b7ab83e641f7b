using System.Text.Json;
using Alerts.Core.Model;
using Alerts.Core.Serialization;

namespace Alerts.Core.Tests.Serialization;

/// <summary>What subscriptions and channels carry for delivery survives the store's JSON, and older rows still read.</summary>
public class DeliveryModelSerializationTests
{
    [Fact]
    public void Templates_time_zone_and_extra_headers_round_trip()
    {
        var subscription = new Subscription("t1", "s1", "r1", ["slack", "mail"],
            new Dictionary<string, MessageTemplate> { ["slack"] = new(Title: "{{ symbol }} {{ move_pct }}%", Body: "{{ title }}") }, "Asia/Hong_Kong");
        var channel = new Channel("t1", "hook", "Hook", ChannelKind.Webhook, "https://example.com/h", "whsec_x",
            Headers: new Dictionary<string, string> { ["Authorization"] = "Bearer t" });

        var readSubscription = JsonSerializer.Deserialize(JsonSerializer.Serialize(subscription, AlertsJsonContext.Default.Subscription), AlertsJsonContext.Default.Subscription)!;
        var readChannel = JsonSerializer.Deserialize(JsonSerializer.Serialize(channel, AlertsJsonContext.Default.Channel), AlertsJsonContext.Default.Channel)!;

        Assert.Equal("{{ symbol }} {{ move_pct }}%", readSubscription.Templates!["slack"].Title);
        Assert.Null(readSubscription.Templates["slack"].Subject);
        Assert.Equal("Asia/Hong_Kong", readSubscription.TimeZone);
        Assert.Equal("Bearer t", readChannel.Headers!["Authorization"]);
        Assert.DoesNotContain("Bearer t", channel.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_written_before_these_fields_existed_still_read()
    {
        var subscription = JsonSerializer.Deserialize("""{"tenantId":"t1","id":"s1","ruleId":"r1","channelIds":["a"]}""", AlertsJsonContext.Default.Subscription)!;
        var channel = JsonSerializer.Deserialize("""{"tenantId":"t1","id":"c","name":"C","kind":"ServiceBus","target":"sb://ns.servicebus.windows.net/q"}""", AlertsJsonContext.Default.Channel)!;

        Assert.Null(subscription.Templates);
        Assert.Null(subscription.TimeZone);
        Assert.Equal(ChannelKind.ServiceBus, channel.Kind);
        Assert.Null(channel.Headers);
    }
}
