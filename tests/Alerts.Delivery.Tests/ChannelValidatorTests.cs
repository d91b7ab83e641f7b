using Alerts.Core.Model;
using Alerts.Delivery.Endpoints;
using Alerts.Delivery.Webhooks;

namespace Alerts.Delivery.Tests;

public class ChannelValidatorTests
{
    private const string GoodSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static readonly ChannelValidator Validator = new(EndpointPolicy.Strict);

    private static Channel Channel(ChannelKind kind, string target, string? secret = null, string name = "Ops") =>
        new("t1", "ch-1", name, kind, target, secret);

    public static TheoryData<Channel> ValidChannels => new()
    {
        Channel(ChannelKind.Email, "analyst@example.com"),
        Channel(ChannelKind.Webhook, "https://hooks.example.com/alerts?token=abc", GoodSecret),
        Channel(ChannelKind.Webhook, "https://hooks.example.com/alerts", WebhookSecret.Generate() + " " + GoodSecret),
        Channel(ChannelKind.Slack, "https://hooks.slack.com/services/T000/B000/XXXX"),
        Channel(ChannelKind.Teams, "https://prod-12.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?sig=x"),
        Channel(ChannelKind.Discord, "https://discord.com/api/webhooks/123/abc"),
        Channel(ChannelKind.ServiceBus, "sb://team-ns.servicebus.windows.net/alerts"),
        Channel(ChannelKind.ServiceBus, "sb://team-ns.servicebus.windows.net/alerts", "Endpoint=sb://team-ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=abc="),
        Channel(ChannelKind.Webhook, "https://hooks.example.com/alerts", GoodSecret) with
        {
            Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer gateway-token", ["X-Routing-Key"] = "desk-7" },
        },
    };

    [Theory]
    [MemberData(nameof(ValidChannels))]
    public void Accepts_valid_channels(Channel channel) => Assert.Empty(Validator.Validate(channel));

    public static TheoryData<Channel, string, string> InvalidChannels => new()
    {
        { Channel(ChannelKind.Email, "analyst"), "target", "must be an email address like name@example.com" },
        { Channel(ChannelKind.Email, "a@example.com\r\nBcc: b@example.com"), "target", "must be an email address like name@example.com" },
        { Channel(ChannelKind.Webhook, "http://hooks.example.com/alerts", GoodSecret), "target", "must be an absolute https URL" },
        { Channel(ChannelKind.Webhook, "hooks.example.com/alerts", GoodSecret), "target", "must be an absolute https URL" },
        { Channel(ChannelKind.Webhook, "", GoodSecret), "target", "must be an absolute https URL" },
        { Channel(ChannelKind.Webhook, "https://10.0.0.8/hook", GoodSecret), "target", "must not point at a private address (10.0.0.8)" },
        { Channel(ChannelKind.Webhook, "https://169.254.169.254/latest", GoodSecret), "target", "must not point at a cloud metadata address (169.254.169.254)" },
        { Channel(ChannelKind.Webhook, "https://localhost/hook", GoodSecret), "target", "must not point at a loopback address (localhost)" },
        { Channel(ChannelKind.Webhook, "https://hooks.example.com/alerts"), "secret", WebhookSecret.FormatDescription },
        { Channel(ChannelKind.Webhook, "https://hooks.example.com/alerts", "hunter2"), "secret", WebhookSecret.FormatDescription },
        { Channel(ChannelKind.Webhook, "https://hooks.example.com/alerts", "whsec_" + Convert.ToBase64String(new byte[16])), "secret", WebhookSecret.FormatDescription },
        { Channel(ChannelKind.Discord, "https://192.168.1.1/api/webhooks/1/x"), "target", "must not point at a private address (192.168.1.1)" },
        { Channel(ChannelKind.Email, "analyst@example.com", name: " "), "name", "must be 1 to 100 characters" },
        { Channel((ChannelKind)99, "analyst@example.com"), "kind", "is not a known channel kind" },
        { Channel(ChannelKind.ServiceBus, "https://team-ns.servicebus.windows.net/alerts"), "target", "must be sb://{namespace}.servicebus.windows.net/{queue or topic}" },
        { Channel(ChannelKind.ServiceBus, "sb://team-ns.servicebus.windows.net/"), "target", "must be sb://{namespace}.servicebus.windows.net/{queue or topic}" },
        { Channel(ChannelKind.ServiceBus, "sb://team-ns.servicebus.windows.net/q", "password1"), "secret", "must be a Service Bus connection string (Endpoint=sb://…;SharedAccessKeyName=…;SharedAccessKey=…) or left out to use the managed identity" },
        { Channel(ChannelKind.Webhook, "https://hooks.example.com/alerts", GoodSecret) with { Headers = new Dictionary<string, string> { ["webhook-signature"] = "v1,forged" } }, "headers", "'webhook-signature' is set by the webhook protocol and cannot be overridden" },
        { Channel(ChannelKind.Webhook, "https://hooks.example.com/alerts", GoodSecret) with { Headers = new Dictionary<string, string> { ["Bad Name"] = "x" } }, "headers", "'Bad Name' is not a valid header name" },
        { Channel(ChannelKind.Webhook, "https://hooks.example.com/alerts", GoodSecret) with { Headers = new Dictionary<string, string> { ["X-A"] = "a\r\nX-Injected: 1" } }, "headers", "the value of 'X-A' must be at most 1024 printable Latin-1 characters on one line" },
        { Channel(ChannelKind.Slack, "https://hooks.slack.com/services/T/B/X") with { Headers = new Dictionary<string, string> { ["X-A"] = "a" } }, "headers", "are only sent by generic webhooks" },
    };

    [Theory]
    [MemberData(nameof(InvalidChannels))]
    public void Names_the_field_that_is_wrong(Channel channel, string field, string message) =>
        Assert.Contains(new ChannelError(field, message), Validator.Validate(channel));

    [Fact]
    public void Reports_every_problem_at_once()
    {
        var errors = Validator.Validate(Channel(ChannelKind.Webhook, "http://10.0.0.1/hook", "nope", name: ""));

        Assert.Equal(["name", "target", "secret"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Never_echoes_the_target_or_secret()
    {
        var channel = Channel(ChannelKind.Webhook, "https://10.0.0.9/hooks/tok-7f3a9c2e1b?sig=q9w8e7r6t5", "whsec_tooshort-but-secret");

        var text = string.Join(" | ", Validator.Validate(channel).Select(e => e.Message));

        Assert.DoesNotContain("tok-7f3a9c2e1b", text, StringComparison.Ordinal);
        Assert.DoesNotContain("q9w8e7r6t5", text, StringComparison.Ordinal);
        Assert.DoesNotContain("tooshort-but-secret", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_allow_list_admits_local_development_targets()
    {
        var validator = new ChannelValidator(new EndpointPolicy(new EndpointPolicyOptions { AllowList = ["127.0.0.1"] }));

        Assert.Empty(validator.Validate(Channel(ChannelKind.Webhook, "http://127.0.0.1:7070/hook", GoodSecret)));
    }
}
