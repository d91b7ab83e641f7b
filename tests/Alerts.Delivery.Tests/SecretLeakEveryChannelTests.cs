using System.Text;
using Alerts.Core.Model;
using Alerts.Core.Notifications;
using Alerts.Delivery.Email;
using Alerts.Delivery.Email.SendGrid;
using Alerts.Delivery.ServiceBus;
using Alerts.Delivery.Templates;
using Alerts.Delivery.Tests.Fakes;
using Alerts.Delivery.Tests.ServiceBus;
using Alerts.Delivery.Tests.Support;
using Alerts.Testing;
using Azure.Messaging.ServiceBus;
using Microsoft.AspNetCore.Http;

namespace Alerts.Delivery.Tests;

/// <summary>
/// The one check that holds for EVERY channel kind: whatever the far end answers (success, refusal, outage, throttling,
/// an answer that echoes the request back), no credential (webhook URL and its tokens, signing secret, extra header
/// values, API key, connection string, recipient address) reaches the result (stored as the attempt record), a log
/// message, a log property or a logged exception, and the channel record itself never prints them.
/// </summary>
public class SecretLeakEveryChannelTests
{
    private const string PathSecret = "/hooks/T0F4K3T34M/B0S3CR3TB0T/xoxb-7f3a9c2e1b5d4e6f";
    private const string QuerySecret = "sig=q8d7c6b5a4f3e2d1c0";
    private const string HeaderSecret = "Bearer gw-9a8b7c6d5e4f";
    private const string Recipient = "private.person.4821@example.com";

    public static TheoryData<ChannelKind, int> Cases()
    {
        var cases = new TheoryData<ChannelKind, int>();
        foreach (var kind in Enum.GetValues<ChannelKind>())
        {
            foreach (var status in new[] { 200, 400, 401, 404, 410, 429, 500, 0 })
            {
                cases.Add(kind, status);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task No_channel_leaks_a_credential_whatever_the_far_end_answers(ChannelKind kind, int status)
    {
        await using var hostile = await LoopbackServer.StartAsync(async (request, context) => await EchoAsync(request, context, status));
        var logs = new CapturingLoggerProvider();
        var (channel, notifier, secrets) = Rig(kind, hostile, logs, status);

        var result = await notifier.SendAsync(TestData.Request(channel), CancellationToken.None);

        SecretLeak.AssertNone(result, logs, secrets);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, channel.ToString(), StringComparison.Ordinal);
        }
    }

    /// <summary>The far end at its worst: it answers with everything it was sent (URL, every header, the body's start).</summary>
    private static async Task EchoAsync(RecordedRequest request, HttpContext context, int status)
    {
        if (status == 0)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = status;
        context.Response.Headers["Retry-After"] = "1";
        var echo = new StringBuilder($"http://{context.Request.Host}{request.PathAndQuery} ");
        foreach (var (name, value) in request.Headers)
        {
            echo.Append(name).Append(": ").Append(value).Append(' ');
        }

        echo.Append(Encoding.UTF8.GetString(request.Body.AsSpan(0, Math.Min(300, request.Body.Length))));
        await context.Response.WriteAsync(echo.ToString());
    }

    private static (Channel Channel, INotifier Notifier, IReadOnlyList<string> Secrets) Rig(ChannelKind kind, LoopbackServer hostile, CapturingLoggerProvider logs, int status)
    {
        var url = hostile.Url(PathSecret + "?" + QuerySecret);
        var urlSecrets = SecretLeak.UrlSecrets(url).Append("xoxb-7f3a9c2e1b5d4e6f").Append("q8d7c6b5a4f3e2d1c0").ToList();
        var chat = new ChatHarness();
        switch (kind)
        {
            case ChannelKind.Slack or ChannelKind.Teams or ChannelKind.Discord:
            {
                INotifier notifier = kind switch { ChannelKind.Slack => chat.Slack, ChannelKind.Teams => chat.Teams, _ => chat.Discord };
                return (ChatHarness.Channel(kind, url), new LoggedVia(notifier, chat.Logs, logs), urlSecrets);
            }

            case ChannelKind.Webhook:
            {
                var harness = new WebhookHarness();
                var secret = Alerts.Delivery.Webhooks.WebhookSecret.Generate();
                var channel = TestData.WebhookChannel(url.AbsoluteUri, secret) with { Headers = new Dictionary<string, string> { ["Authorization"] = HeaderSecret } };
                return (channel, new LoggedVia(harness.Notifier, harness.Logs, logs), [.. urlSecrets, .. SecretLeak.WebhookSecretParts(secret), HeaderSecret, "gw-9a8b7c6d5e4f"]);
            }

            case ChannelKind.Email:
            {
                var notifier = new SendGridEmailNotifier(
                    new SendGridOptions { ApiKey = SendGridFake.ApiKey, Host = hostile.BaseAddress.AbsoluteUri.TrimEnd('/') },
                    new EmailOptions(), new DefaultDeliveryContextSource(), logs.CreateLogger<SendGridEmailNotifier>());
                return (TestData.EmailChannel(Recipient), notifier, [SendGridFake.ApiKey, "S3cr3tK3yMaterialThatMustNeverLeak", Recipient, "private.person.4821"]);
            }

            case ChannelKind.ServiceBus:
            {
                const string connection = ServiceBusNotifierTests.ConnectionString;
                var key = connection[(connection.IndexOf("SharedAccessKey=", StringComparison.Ordinal) + 16)..];
                Exception? failure = status switch
                {
                    200 => null,
                    401 => new UnauthorizedAccessException("Unauthorized: " + connection),
                    404 => new ServiceBusException("entity not found at " + connection, ServiceBusFailureReason.MessagingEntityNotFound),
                    429 => new ServiceBusException("busy " + key, ServiceBusFailureReason.ServiceBusy),
                    0 => new ServiceBusException("socket closed " + connection, ServiceBusFailureReason.ServiceCommunicationProblem),
                    _ => new ServiceBusException("failure " + connection, ServiceBusFailureReason.GeneralError),
                };
                var notifier = new ServiceBusNotifier(new FixedSenders(new RecordingSender(_ => failure)), logs.CreateLogger<ServiceBusNotifier>());
                var channel = ServiceBusNotifierTests.Channel(connection);
                return (channel, notifier, [connection, key]);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "a new channel kind needs its rig here");
        }
    }

    /// <summary>Runs a notifier built with its own log capture and copies those entries into the shared capture.</summary>
    private sealed class LoggedVia(INotifier inner, CapturingLoggerProvider source, CapturingLoggerProvider target) : INotifier
    {
        public ChannelKind Kind => inner.Kind;

        public async Task<DeliveryResult> SendAsync(DeliveryRequest request, CancellationToken cancellationToken)
        {
            var result = await inner.SendAsync(request, cancellationToken);
            var logger = target.CreateLogger("copy");
            foreach (var entry in source.Entries)
            {
#pragma warning disable CA2254 // the captured text is replayed as is
                logger.Log(entry.Level, entry.EventId, entry.Properties.ToDictionary(p => p.Key, p => (object?)p.Value).ToList(), null, (_, _) => entry.Message + " " + entry.Exception);
#pragma warning restore CA2254
            }

            return result;
        }
    }
}
