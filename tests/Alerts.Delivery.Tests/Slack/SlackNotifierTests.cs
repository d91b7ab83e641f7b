using System.Diagnostics;
using System.Text.Json.Nodes;
using Alerts.Core.Model;
using Alerts.Core.Notifications;
using Alerts.Delivery.Chat;
using Alerts.Delivery.Tests.Fakes;
using Alerts.Delivery.Tests.Support;

namespace Alerts.Delivery.Tests.Slack;

public class SlackNotifierTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Posts_a_block_kit_message_with_a_text_fallback_that_slack_accepts()
    {
        await using var slack = await SlackFake.StartAsync();
        using var harness = new ChatHarness();
        var alert = TestData.Alert(headline: "Zhipu <b>A-share</b> listing & STAR filing", detail: "Tutoring <done> & filed", url: new Uri("https://www1.hkexnews.hk/a.pdf"));

        var result = await harness.Slack.SendAsync(TestData.Request(ChatHarness.Channel(ChannelKind.Slack, slack.Webhook()), alert), Ct);

        Assert.Equal(new DeliveryResult.Delivered(200, "ok"), result);
        var message = Assert.Single(slack.Accepted);
        Assert.Equal("Tencent Holdings: Zhipu &lt;b&gt;A-share&lt;/b&gt; listing &amp; STAR filing", message["text"]!.GetValue<string>());
        var blocks = message["blocks"]!.AsArray();
        Assert.Equal("header", blocks[0]!["type"]!.GetValue<string>());
        Assert.Equal("Tencent Holdings: Zhipu <b>A-share</b> listing & STAR filing", blocks[0]!["text"]!["text"]!.GetValue<string>());
        Assert.Equal("Tutoring &lt;done&gt; &amp; filed", blocks[1]!["text"]!["text"]!.GetValue<string>());
        Assert.Contains(blocks, b => b!["type"]!.GetValue<string>() == "actions" && b["elements"]![0]!["url"]!.GetValue<string>() == "https://www1.hkexnews.hk/a.pdf");
        Assert.Empty(slack.Refusals);
    }

    [Fact]
    public async Task Long_chinese_and_emoji_text_is_cut_to_slacks_limits_between_whole_characters()
    {
        await using var slack = await SlackFake.StartAsync();
        using var harness = new ChatHarness();
        var headline = string.Concat(Enumerable.Repeat("智谱华章😀", 60));
        var detail = string.Concat(Enumerable.Repeat("科创板上市辅导🚀&", 700));
        var alert = TestData.Alert(headline: headline, detail: detail, companyName: "北京智谱华章科技股份有限公司");

        var result = await harness.Slack.SendAsync(TestData.Request(ChatHarness.Channel(ChannelKind.Slack, slack.Webhook()), alert), Ct);

        Assert.True(result is DeliveryResult.Delivered, $"{result} / {string.Join(", ", slack.Refusals)}");
        var blocks = Assert.Single(slack.Accepted)["blocks"]!.AsArray();
        var header = blocks[0]!["text"]!["text"]!.GetValue<string>();
        var section = blocks[1]!["text"]!["text"]!.GetValue<string>();
        Assert.InRange(header.Length, 140, 150);
        Assert.InRange(section.Length, 2990, 3000);
        Assert.EndsWith("…", section, StringComparison.Ordinal);
        Assert.DoesNotContain("&amp…", section, StringComparison.Ordinal);
        Assert.All(new[] { header, section }, t => Assert.True(PlatformFake.IsWellFormed(t)));
    }

    [Fact]
    public async Task A_burst_to_one_webhook_is_paced_to_one_a_second_so_slack_never_answers_429()
    {
        await using var slack = await SlackFake.StartAsync();
        using var harness = new ChatHarness();
        var channel = ChatHarness.Channel(ChannelKind.Slack, slack.Webhook());
        var watch = Stopwatch.StartNew();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            harness.Slack.SendAsync(TestData.Request(channel, TestData.Alert(headline: "moment " + i)), Ct)));

        Assert.All(results, r => Assert.IsType<DeliveryResult.Delivered>(r));
        Assert.Equal(0, slack.RateLimited);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(2.9), $"four sends took {watch.Elapsed}");
    }

    [Fact]
    public async Task The_fake_does_answer_429_to_an_unpaced_burst()
    {
        await using var slack = await SlackFake.StartAsync();
        using var http = new System.Net.Http.HttpClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            http.PostAsync(slack.Webhook(), new System.Net.Http.StringContent("{\"text\":\"hi\"}", System.Text.Encoding.UTF8, "application/json"))));

        Assert.Contains(answers, a => (int)a.StatusCode == 429 && a.Headers.RetryAfter?.Delta == TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_send_that_would_wait_too_long_for_its_slot_is_handed_back_with_the_wait_instead_of_holding_a_worker()
    {
        await using var slack = await SlackFake.StartAsync();
        using var harness = new ChatHarness(options: new ChatOptions { MaxPacingWait = TimeSpan.FromMilliseconds(100) });
        var channel = ChatHarness.Channel(ChannelKind.Slack, slack.Webhook());

        var first = await harness.Slack.SendAsync(TestData.Request(channel), Ct);
        var second = await harness.Slack.SendAsync(TestData.Request(channel), Ct);

        Assert.IsType<DeliveryResult.Delivered>(first);
        var retry = Assert.IsType<DeliveryResult.Retryable>(second);
        Assert.Equal(FailureReason.RateLimited, retry.Reason);
        Assert.InRange(retry.RetryAfter!.Value, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1));
        Assert.Single(slack.Server.Requests);
    }

    [Fact]
    public async Task A_429_is_retried_after_slacks_retry_after_and_holds_the_webhook_back()
    {
        await using var slack = await SlackFake.StartAsync();
        using var harness = new ChatHarness(options: new ChatOptions { MaxPacingWait = TimeSpan.Zero });
        var channel = ChatHarness.Channel(ChannelKind.Slack, slack.Webhook());
        slack.AnswerNext(429, "rate_limited", new Dictionary<string, string> { ["Retry-After"] = "30" });

        var result = await harness.Slack.SendAsync(TestData.Request(channel), Ct);
        var next = await harness.Slack.SendAsync(TestData.Request(channel), Ct);

        var retry = Assert.IsType<DeliveryResult.Retryable>(result);
        Assert.Equal((FailureReason.RateLimited, 429, TimeSpan.FromSeconds(30)), (retry.Reason, retry.Code, retry.RetryAfter));
        Assert.IsType<DeliveryResult.Retryable>(next);
        Assert.Single(slack.Server.Requests);
    }

    [Theory]
    [InlineData(404, "no_service", "revoked")]
    [InlineData(410, "channel_is_archived", "archived")]
    [InlineData(403, "invalid_token", "token is invalid")]
    [InlineData(404, "channel_not_found", "no longer exists")]
    [InlineData(404, "", "gone")]
    [InlineData(410, "", "gone")]
    public async Task Revoked_or_archived_answers_disable_the_channel_and_say_why(int status, string body, string why)
    {
        await using var slack = await SlackFake.StartAsync();
        using var harness = new ChatHarness();
        slack.AnswerNext(status, body);

        var result = await harness.Slack.SendAsync(TestData.Request(ChatHarness.Channel(ChannelKind.Slack, slack.Webhook())), Ct);

        var permanent = Assert.IsType<DeliveryResult.Permanent>(result);
        Assert.True(permanent.DisableEndpoint);
        Assert.Equal(status, permanent.Code);
        Assert.Contains(why, permanent.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400, "invalid_payload", false)]
    [InlineData(403, "action_prohibited", false)]
    [InlineData(500, "rollup_error", true)]
    [InlineData(503, "", true)]
    public async Task Other_answers_follow_the_shared_rules_without_disabling(int status, string body, bool retryable)
    {
        await using var slack = await SlackFake.StartAsync();
        using var harness = new ChatHarness();
        slack.AnswerNext(status, body);

        var result = await harness.Slack.SendAsync(TestData.Request(ChatHarness.Channel(ChannelKind.Slack, slack.Webhook())), Ct);

        Assert.Equal(retryable, result is DeliveryResult.Retryable);
        Assert.False(result is DeliveryResult.Permanent { DisableEndpoint: true });
        if (body.Length > 0)
        {
            Assert.Contains(body, result.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_message_never_exceeds_block_kits_limits_whatever_the_alert_holds()
    {
        var fields = Alerts.Delivery.Templates.AlertFields.From(
            TestData.Alert(headline: new string('x', 10_000), detail: new string('<', 10_000), companyName: new string('&', 5_000), price: 1m),
            Alerts.Delivery.Templates.DeliveryContext.Default);
        var text = Alerts.Delivery.Templates.ComposedText.Compose(fields, null, out _)!;

        var message = Alerts.Delivery.Slack.SlackMessage.Build(fields, text);

        Assert.Null(SlackProblem(message));
    }

    private static string? SlackProblem(JsonObject message)
    {
        var blocks = message["blocks"]!.AsArray();
        return blocks.Count > 50 ? "blocks"
            : blocks.Any(b => b!["type"]!.GetValue<string>() == "header" && b["text"]!["text"]!.GetValue<string>().Length > 150) ? "header"
            : blocks.Any(b => b!["text"]?["text"]?.GetValue<string>().Length > 3000) ? "section"
            : blocks.Any(b => b!["fields"] is JsonArray f && (f.Count > 10 || f.Any(x => x!["text"]!.GetValue<string>().Length > 2000))) ? "fields"
            : PlatformFake.Strings(blocks).Sum(t => t.Length) > 12_000 ? "aggregate (msg_blocks_too_long)"
            : null;
    }
}
