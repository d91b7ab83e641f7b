using System.Text.Json.Nodes;
using Alerts.Core.Model;
using Alerts.Core.Notifications;
using Alerts.Delivery.Email;
using Alerts.Delivery.Email.SendGrid;
using Alerts.Delivery.Templates;
using Alerts.Delivery.Tests.Fakes;
using Alerts.Delivery.Tests.Support;

namespace Alerts.Delivery.Tests.SendGrid;

public class SendGridEmailNotifierTests
{
    private static CancellationToken Ct => CancellationToken.None;

    internal static SendGridEmailNotifier Notifier(SendGridFake fake, CapturingLoggerProvider logs, bool sandbox = false, string apiKey = SendGridFake.ApiKey, DeliveryContext? context = null) =>
        new(
            new SendGridOptions
            {
                ApiKey = apiKey,
                Host = fake.Host,
                SandboxMode = sandbox,
                Categories = ["alerts", "hkex"],
            },
            new EmailOptions { From = "alerts@example.com", FromName = "Alerts" },
            new FixedContextSource(context ?? DeliveryContext.Default),
            new FixedLinks(),
            logs.CreateLogger<SendGridEmailNotifier>());

    [Fact]
    public async Task A_202_is_delivered_and_the_message_carries_ids_categories_both_bodies_and_one_click_unsubscribe()
    {
        await using var fake = await SendGridFake.StartAsync();
        var logs = new CapturingLoggerProvider();
        using var notifier = Notifier(fake, logs);
        var request = TestData.Request(TestData.EmailChannel(), TestData.Alert(headline: "智谱 files for STAR listing"));

        var result = await notifier.SendAsync(request, Ct);

        var delivered = Assert.IsType<DeliveryResult.Delivered>(result);
        Assert.Equal(202, delivered.Code);
        Assert.Matches("^X-Message-Id: fake-[0-9a-f]{12}$", delivered.Response); // ties the attempt to SendGrid's activity feed
        var mail = Assert.Single(fake.Accepted);
        Assert.Equal("analyst@example.com", mail["personalizations"]![0]!["to"]![0]!["email"]!.GetValue<string>());
        Assert.Equal("Tencent Holdings: 智谱 files for STAR listing", Subject(mail));
        var custom = mail["custom_args"] ?? mail["personalizations"]![0]!["custom_args"];
        Assert.Equal(request.Alert.Id, custom!["alert_id"]!.GetValue<string>());
        Assert.Equal(request.Delivery.Id, custom["delivery_id"]!.GetValue<string>());
        Assert.Equal(["alerts", "hkex"], mail["categories"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(["text/plain", "text/html"], mail["content"]!.AsArray().Select(c => c!["type"]!.GetValue<string>()));
        Assert.Null(mail["mail_settings"]?["sandbox_mode"]);

        var headers = mail["headers"] ?? mail["personalizations"]![0]!["headers"];
        Assert.Equal("List-Unsubscribe=One-Click", headers!["List-Unsubscribe-Post"]!.GetValue<string>());
        Assert.Equal("<https://alerts.example.com/api/v1/unsubscribe?token=t1.ch-mail>", headers["List-Unsubscribe"]!.GetValue<string>());
        Assert.All(mail["content"]!.AsArray(), part => Assert.Contains("https://alerts.example.com/api/v1/unsubscribe?token=t1.ch-mail", part!["value"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    /// <summary>The host's links (the API's tokens in production): here the tenant and channel in plain sight.</summary>
    private sealed class FixedLinks : IUnsubscribeLinks
    {
        public Uri? For(string tenantId, string channelId) => new($"https://alerts.example.com/api/v1/unsubscribe?token={tenantId}.{channelId}");
    }

    private static string Subject(JsonNode mail) => (mail["subject"] ?? mail["personalizations"]![0]!["subject"])!.GetValue<string>();

    [Fact]
    public async Task Sandbox_mode_is_sent_as_a_setting_and_sendgrids_200_counts_as_delivered()
    {
        await using var fake = await SendGridFake.StartAsync();
        using var notifier = Notifier(fake, new CapturingLoggerProvider(), sandbox: true);

        var result = await notifier.SendAsync(TestData.Request(TestData.EmailChannel()), Ct);

        Assert.Equal(200, Assert.IsType<DeliveryResult.Delivered>(result).Code);
        Assert.True(Assert.Single(fake.Accepted)["mail_settings"]!["sandbox_mode"]!["enable"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_subscribers_template_sets_subject_and_both_bodies()
    {
        await using var fake = await SendGridFake.StartAsync();
        var context = new DeliveryContext(new MessageTemplate(Subject: "[{{ source }}] {{ company }}", Body: "{{ title }}\n<b>{{ rule }}</b>"), TimeZoneInfo.Utc, null);
        using var notifier = Notifier(fake, new CapturingLoggerProvider(), context: context);

        await notifier.SendAsync(TestData.Request(TestData.EmailChannel()), Ct);

        var mail = Assert.Single(fake.Accepted);
        Assert.Equal("[HKEX] Tencent Holdings", Subject(mail));
        var html = mail["content"]![1]!["value"]!.GetValue<string>();
        Assert.Contains("&lt;b&gt;Results for my watchlist&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.StartsWith("Tencent Holdings: announcement of annual results\n<b>Results", mail["content"]![0]!["value"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_400_surfaces_every_error_of_sendgrids_array()
    {
        await using var fake = await SendGridFake.StartAsync();
        using var notifier = Notifier(fake, new CapturingLoggerProvider());
        fake.AnswerNext(400, """{"errors":[{"message":"Invalid from email address","field":"from.email","help":null},{"message":"Does not contain a valid address.","field":"personalizations.0.to.0.email","help":null}]}""");

        var result = await notifier.SendAsync(TestData.Request(TestData.EmailChannel()), Ct);

        var permanent = Assert.IsType<DeliveryResult.Permanent>(result);
        Assert.Equal(
            "SendGrid refused the message (400): from.email: Invalid from email address; personalizations.0.to.0.email: Does not contain a valid address.",
            permanent.Detail);
    }

    [Fact]
    public async Task A_429_waits_until_the_rate_limit_resets()
    {
        await using var fake = await SendGridFake.StartAsync();
        using var notifier = Notifier(fake, new CapturingLoggerProvider());
        var reset = TestData.Now.AddSeconds(42).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        fake.AnswerNext(429, """{"errors":[{"field":null,"message":"too many requests"}]}""", new Dictionary<string, string> { ["X-RateLimit-Limit"] = "600", ["X-RateLimit-Remaining"] = "0", ["X-RateLimit-Reset"] = reset });

        var result = await notifier.SendAsync(TestData.Request(TestData.EmailChannel()), Ct);

        var retry = Assert.IsType<DeliveryResult.Retryable>(result);
        Assert.Equal((FailureReason.RateLimited, TimeSpan.FromSeconds(42)), (retry.Reason, retry.RetryAfter));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Server_errors_are_retryable_and_the_client_does_not_retry_by_itself(int status)
    {
        await using var fake = await SendGridFake.StartAsync();
        using var notifier = Notifier(fake, new CapturingLoggerProvider());
        fake.AnswerNext(status, "upstream unavailable");

        var result = await notifier.SendAsync(TestData.Request(TestData.EmailChannel()), Ct);

        Assert.Equal(FailureReason.ServerError, Assert.IsType<DeliveryResult.Retryable>(result).Reason);
        Assert.Single(fake.Server.Requests);
    }

    [Fact]
    public async Task A_wrong_key_is_permanent_and_tells_the_operator_what_to_fix()
    {
        await using var fake = await SendGridFake.StartAsync();
        using var notifier = Notifier(fake, new CapturingLoggerProvider(), apiKey: "SG.wrong.key");

        var result = await notifier.SendAsync(TestData.Request(TestData.EmailChannel()), Ct);

        var permanent = Assert.IsType<DeliveryResult.Permanent>(result);
        Assert.Equal(401, permanent.Code);
        Assert.Contains("API key", permanent.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_403_names_the_likely_causes()
    {
        await using var fake = await SendGridFake.StartAsync();
        using var notifier = Notifier(fake, new CapturingLoggerProvider());
        fake.AnswerNext(403, """{"errors":[{"message":"The from address does not match a verified Sender Identity.","field":"from","help":null}]}""");

        var permanent = Assert.IsType<DeliveryResult.Permanent>(await notifier.SendAsync(TestData.Request(TestData.EmailChannel()), Ct));

        Assert.Contains("Mail Send permission", permanent.Detail, StringComparison.Ordinal);
        Assert.Contains("from: The from address does not match a verified Sender Identity.", permanent.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_connection_is_retryable()
    {
        var port = Webhooks.GenericWebhookNotifierTests.ClosedPort();
        using var notifier = new SendGridEmailNotifier(
            new SendGridOptions { ApiKey = SendGridFake.ApiKey, Host = $"http://127.0.0.1:{port}" },
            new EmailOptions(), new DefaultDeliveryContextSource(), new CapturingLoggerProvider().CreateLogger<SendGridEmailNotifier>());

        var result = await notifier.SendAsync(TestData.Request(TestData.EmailChannel()), Ct);

        Assert.Equal(FailureReason.Network, Assert.IsType<DeliveryResult.Retryable>(result).Reason);
    }
}
