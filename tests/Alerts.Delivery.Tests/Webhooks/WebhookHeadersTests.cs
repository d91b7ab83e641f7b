using System.Text;
using Alerts.Core.Notifications;
using Alerts.Delivery.Tests.Support;
using Alerts.Delivery.Webhooks;
using Alerts.Testing;
using Microsoft.AspNetCore.Http;

namespace Alerts.Delivery.Tests.Webhooks;

public class WebhookHeadersTests
{
    [Fact]
    public async Task User_defined_headers_are_sent_and_cannot_displace_the_signature()
    {
        await using var server = await LoopbackServer.StartAsync(204);
        using var harness = new WebhookHarness();
        var channel = TestData.WebhookChannel(server.Url("/hook").AbsoluteUri) with
        {
            Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer gw-token-123456", ["X-Desk"] = "ai", ["webhook-signature"] = "v1,forged" },
        };

        var result = await harness.Notifier.SendAsync(TestData.Request(channel), CancellationToken.None);

        Assert.IsType<DeliveryResult.Delivered>(result);
        var received = Assert.Single(server.Requests);
        Assert.Equal("Bearer gw-token-123456", received.Header("Authorization"));
        Assert.Equal("ai", received.Header("X-Desk"));
        Assert.StartsWith("v1,", received.Header("webhook-signature"), StringComparison.Ordinal);
        Assert.DoesNotContain("forged", received.Header("webhook-signature"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Header_values_echoed_by_the_receiver_are_scrubbed_like_any_secret()
    {
        await using var server = await LoopbackServer.StartAsync(async (request, context) =>
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync("rejected credentials " + request.Header("Authorization"));
        });
        using var harness = new WebhookHarness();
        var channel = TestData.WebhookChannel(server.Url("/hook").AbsoluteUri) with
        {
            Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer gw-token-123456" },
        };

        var result = await harness.Notifier.SendAsync(TestData.Request(channel), CancellationToken.None);

        SecretLeak.AssertNone(result, harness.Logs, ["gw-token-123456"]);
        Assert.Contains("rejected credentials", ((DeliveryResult.Permanent)result).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void The_specifications_own_library_verifies_our_signatures_and_signs_alike()
    {
        // Why we keep our 40-line signer rather than call StandardWebhooks 1.1.2: it signs with one key per instance (a
        // rotation needs both), takes the body as a string (we sign the exact bytes) and verifies against the ambient
        // clock. It agrees with us byte for byte, which this proves with the specification's test vector.
        const string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        const string id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
        var body = """{"test": 2432232314}""";
        Assert.True(WebhookSecret.TryParse(secret, out var parsed));

        var ours = WebhookSigner.Sign(id, 1614265330, Encoding.UTF8.GetBytes(body), parsed);
        var theirs = new StandardWebhooks.StandardWebhook(secret).Sign(id, DateTimeOffset.FromUnixTimeSeconds(1614265330), body);

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", ours);
        Assert.Equal(theirs, ours);

        var now = DateTimeOffset.UtcNow;
        var headers = new HeaderDictionary
        {
            ["webhook-id"] = id,
            ["webhook-timestamp"] = now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["webhook-signature"] = WebhookSigner.Sign(id, now.ToUnixTimeSeconds(), Encoding.UTF8.GetBytes(body), [parsed, parsed]),
        };
        new StandardWebhooks.StandardWebhook(secret).Verify(body, headers);
    }
}
