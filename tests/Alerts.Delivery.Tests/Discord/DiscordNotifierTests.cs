using System.Text.Json.Nodes;
using Alerts.Core.Model;
using Alerts.Core.Notifications;
using Alerts.Delivery.Chat;
using Alerts.Delivery.Discord;
using Alerts.Delivery.Templates;
using Alerts.Delivery.Tests.Fakes;
using Alerts.Delivery.Tests.Support;

namespace Alerts.Delivery.Tests.Discord;

public class DiscordNotifierTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Posts_an_embed_with_wait_true_and_mentions_in_source_text_ping_nobody()
    {
        await using var discord = await DiscordFake.StartAsync();
        using var harness = new ChatHarness();
        var alert = TestData.Alert(headline: "@everyone Zhipu files for STAR listing <@&123456>", detail: "cc @here");

        var result = await harness.Discord.SendAsync(TestData.Request(ChatHarness.Channel(ChannelKind.Discord, discord.Webhook()), alert), Ct);

        Assert.Equal(new DeliveryResult.Delivered(200, """{"id": "1100000000000000001", "type": 0}"""), result); // the message Discord created
        Assert.Contains("wait=true", Assert.Single(discord.Server.Requests).PathAndQuery, StringComparison.Ordinal);
        var message = Assert.Single(discord.Accepted);
        Assert.Empty(message["allowed_mentions"]!["parse"]!.AsArray());
        Assert.Equal(0, discord.Pings);
        var embed = message["embeds"]![0]!;
        Assert.Equal("2026-11-21T08:45:00Z", embed["timestamp"]!.GetValue<string>());
        Assert.Equal(TestData.Alert().Url!.AbsoluteUri, embed["url"]!.GetValue<string>());
    }

    [Fact]
    public void Embeds_stay_within_every_limit_including_the_6000_character_total()
    {
        var alert = TestData.Alert(headline: new string('標', 900), detail: string.Concat(Enumerable.Repeat("🚀x", 5000)), companyName: new string('C', 3000), price: 496m);
        var fields = AlertFields.From(alert, DeliveryContext.Default);

        var message = DiscordMessage.Build(fields, ComposedText.Compose(fields, null, out _)!);

        Assert.Null(DiscordFake.EmbedProblem(message));
        Assert.InRange(DiscordMessage.EmbedLength(message["embeds"]![0]!.AsObject()), 5000, 6000);
    }

    [Fact]
    public async Task An_exhausted_bucket_holds_the_webhook_until_discords_reset_instead_of_earning_a_429()
    {
        await using var discord = await DiscordFake.StartAsync(bucketSize: 2, window: TimeSpan.FromMilliseconds(600));
        using var harness = new ChatHarness();
        var channel = ChatHarness.Channel(ChannelKind.Discord, discord.Webhook());

        var results = new List<DeliveryResult>();
        for (var i = 0; i < 4; i++)
        {
            results.Add(await harness.Discord.SendAsync(TestData.Request(channel), Ct));
        }

        Assert.All(results, r => Assert.IsType<DeliveryResult.Delivered>(r));
        Assert.Equal(0, discord.RateLimited);
    }

    [Fact]
    public async Task A_429_is_retried_after_the_bodys_retry_after()
    {
        await using var discord = await DiscordFake.StartAsync();
        using var harness = new ChatHarness();
        discord.AnswerNext(429, """{"message": "You are being rate limited.", "retry_after": 2.5, "global": false}""", new Dictionary<string, string> { ["Retry-After"] = "3" });

        var result = await harness.Discord.SendAsync(TestData.Request(ChatHarness.Channel(ChannelKind.Discord, discord.Webhook())), Ct);

        var retry = Assert.IsType<DeliveryResult.Retryable>(result);
        Assert.Equal((FailureReason.RateLimited, TimeSpan.FromSeconds(2.5)), (retry.Reason, retry.RetryAfter));
    }

    [Theory]
    [InlineData("9999999999", 404, "does not exist")]
    public async Task An_unknown_webhook_disables_the_channel(string id, int status, string why)
    {
        await using var discord = await DiscordFake.StartAsync();
        using var harness = new ChatHarness();

        var result = await harness.Discord.SendAsync(TestData.Request(ChatHarness.Channel(ChannelKind.Discord, discord.Webhook(id))), Ct);

        var permanent = Assert.IsType<DeliveryResult.Permanent>(result);
        Assert.True(permanent.DisableEndpoint);
        Assert.Equal(status, permanent.Code);
        Assert.Contains(why, permanent.Detail, StringComparison.Ordinal);
        Assert.Contains("Unknown Webhook", permanent.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(401, """{"message": "Invalid Webhook Token", "code": 50027}""", true, false)]
    [InlineData(400, """{"code": 50035, "message": "Invalid Form Body"}""", false, false)]
    [InlineData(500, "", false, true)]
    public async Task Other_answers(int status, string body, bool disables, bool retryable)
    {
        await using var discord = await DiscordFake.StartAsync();
        using var harness = new ChatHarness();
        discord.AnswerNext(status, body);

        var result = await harness.Discord.SendAsync(TestData.Request(ChatHarness.Channel(ChannelKind.Discord, discord.Webhook())), Ct);

        Assert.Equal(disables, result is DeliveryResult.Permanent { DisableEndpoint: true });
        Assert.Equal(retryable, result is DeliveryResult.Retryable);
    }
}
