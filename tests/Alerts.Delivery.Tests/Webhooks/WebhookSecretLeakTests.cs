using Alerts.Core.Notifications;
using Alerts.Delivery.Endpoints;
using Alerts.Delivery.Tests.Support;
using Alerts.Delivery.Webhooks;
using Alerts.Testing;
using Microsoft.AspNetCore.Http;

namespace Alerts.Delivery.Tests.Webhooks;

/// <summary>Webhook URLs (path and query) and whsec secrets must not reach logs or results, whatever the outcome.</summary>
public class WebhookSecretLeakTests
{
    private const string SecretPath = "/hooks/T0F4K3T34M/B0S3CR3TB0T/xoxb-7f3a9c2e1b5d4e6f?token=q-8d7c6b5a4f3e2d1c";

    public static TheoryData<string> Outcomes => ["200", "404 echoing the path", "500 echoing the url", "400 echo cut mid-secret", "503 echoing the secret"];

    [Theory]
    [MemberData(nameof(Outcomes))]
    public async Task Server_answers_do_not_leak(string outcome)
    {
        await using var server = await LoopbackServer.StartAsync(async (request, context) =>
        {
            var (status, body) = outcome switch
            {
                "200" => (200, "ok"),
                "404 echoing the path" => (404, $"Cannot POST {request.PathAndQuery}"),
                "500 echoing the url" => (500, $"upstream http://{context.Request.Host}{request.PathAndQuery} failed"),
                "400 echo cut mid-secret" => (400, new string('x', 6) + string.Concat(Enumerable.Repeat(request.PathAndQuery + " ", 10))),
                _ => (503, "bad signature for secret " + TestData.Secret),
            };
            context.Response.StatusCode = status;
            await context.Response.WriteAsync(body);
        });

        await AssertNoLeakAsync(server.Url(SecretPath), new WebhookHarness());
    }

    [Fact]
    public async Task Timeouts_do_not_leak()
    {
        await using var server = await LoopbackServer.StartAsync(async (_, context) =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }
        });

        await AssertNoLeakAsync(server.Url(SecretPath), new WebhookHarness(timeout: TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task Refused_connections_do_not_leak() =>
        await AssertNoLeakAsync(new Uri($"http://127.0.0.1:{GenericWebhookNotifierTests.ClosedPort()}{SecretPath}"), new WebhookHarness());

    [Fact]
    public async Task Refused_targets_do_not_leak() =>
        await AssertNoLeakAsync(new Uri("https://10.9.8.7" + SecretPath), new WebhookHarness(policy: new EndpointPolicyOptions()));

    [Fact]
    public async Task Malformed_targets_do_not_leak()
    {
        using var harness = new WebhookHarness();
        var target = "hooks.example.com" + SecretPath;

        var result = await harness.Notifier.SendAsync(TestData.Request(TestData.WebhookChannel(target)), CancellationToken.None);

        Assert.IsType<DeliveryResult.Permanent>(result);
        SecretLeak.AssertNone(result, harness.Logs, ["xoxb-7f3a9c2e1b5d4e6f", "q-8d7c6b5a4f3e2d1c", target]);
    }

    [Fact]
    public async Task Malformed_secrets_do_not_leak()
    {
        await using var server = await LoopbackServer.StartAsync(200);
        using var harness = new WebhookHarness();
        const string badSecret = "whsec_Sh0rtButSt1llS3cr3t";

        var result = await harness.Notifier.SendAsync(TestData.Request(TestData.WebhookChannel(server.Url(SecretPath).AbsoluteUri, badSecret)), CancellationToken.None);

        Assert.IsType<DeliveryResult.Permanent>(result);
        SecretLeak.AssertNone(result, harness.Logs, [.. SecretLeak.UrlSecrets(server.Url(SecretPath)), .. SecretLeak.WebhookSecretParts(badSecret)]);
    }

    private static async Task AssertNoLeakAsync(Uri target, WebhookHarness harness)
    {
        using (harness)
        {
            var result = await harness.Notifier.SendAsync(TestData.Request(TestData.WebhookChannel(target.AbsoluteUri)), CancellationToken.None);

            // The beginnings of the tokens too: a body cut short must not leave half a token behind.
            SecretLeak.AssertNone(result, harness.Logs, [.. SecretLeak.UrlSecrets(target), .. SecretLeak.WebhookSecretParts(TestData.Secret), "xoxb-7f3a", "q-8d7c6b"]);
        }
    }
}
