using System.Diagnostics;
using System.Globalization;
using Alerts.Core.Model;
using Alerts.Core.Notifications;
using Alerts.Delivery.Email;
using Alerts.Delivery.Email.SendGrid;
using Alerts.Delivery.Templates;
using Alerts.Delivery.Tests.Fakes;
using Alerts.Delivery.Tests.ServiceBus;
using Alerts.Delivery.Tests.Support;
using Alerts.Testing;
using Xunit.Abstractions;

namespace Alerts.Delivery.Tests;

/// <summary>
/// Deliveries per second per channel kind to its loopback fake (8 concurrent sends, each to its own endpoint so the
/// figure is the sender's, not the platform's per-endpoint pacing). Printed with
/// <c>dotnet test --filter ThroughputTests --logger "console;verbosity=detailed"</c>; the floor only catches a collapse.
/// </summary>
public class ThroughputTests(ITestOutputHelper output)
{
    private const int Deliveries = 1000;
    private const int Concurrency = 8;

    [Fact]
    public async Task Every_channel_kind_delivers_at_a_useful_rate_to_its_fake()
    {
        var figures = new List<string>();
        await using (var slack = await SlackFake.StartAsync())
        await using (var teams = await TeamsFake.StartAsync())
        await using (var discord = await DiscordFake.StartAsync())
        await using (var sendGrid = await SendGridFake.StartAsync())
        await using (var webhook = await LoopbackServer.StartAsync(NoContentAsync))
        {
            using var chat = new ChatHarness();
            using var hooks = new WebhookHarness();
            using var mail = new SendGridEmailNotifier(
                new SendGridOptions { ApiKey = SendGridFake.ApiKey, Host = sendGrid.Host }, new EmailOptions(), new DefaultDeliveryContextSource(),
                new CapturingLoggerProvider().CreateLogger<SendGridEmailNotifier>());
            var bus = new Alerts.Delivery.ServiceBus.ServiceBusNotifier(new FixedSenders(new RecordingSender()), new CapturingLoggerProvider().CreateLogger<Alerts.Delivery.ServiceBus.ServiceBusNotifier>());

            figures.Add(await MeasureAsync("Slack", chat.Slack, i => ChatHarness.Channel(ChannelKind.Slack, slack.Webhook($"T1/B1/tok{i}"))));
            figures.Add(await MeasureAsync("Teams", chat.Teams, i => ChatHarness.Channel(ChannelKind.Teams, teams.Workflow($"workflows/{i}/invoke?sig=s{i}"))));
            figures.Add(await MeasureAsync("Discord", chat.Discord, i => ChatHarness.Channel(ChannelKind.Discord, discord.Webhook(token: "tok" + i))));
            figures.Add(await MeasureAsync("Webhook (signed)", hooks.Notifier, i => TestData.WebhookChannel(webhook.Url("/hook/" + i).AbsoluteUri)));
            figures.Add(await MeasureAsync("Email (SendGrid)", mail, _ => TestData.EmailChannel()));
            figures.Add(await MeasureAsync("Service Bus (message build + in-memory sender)", bus, _ => ServiceBusNotifierTests.Channel()));
        }

        foreach (var line in figures)
        {
            output.WriteLine(line);
        }
    }

    // A bare 204: the shared StartAsync(204) also writes an (empty) body, which makes Kestrel drop the connection after
    // answering, and a pooled send on it then fails as a network error: a fake's quirk, not a receiver's.
    private static Task NoContentAsync(RecordedRequest request, Microsoft.AspNetCore.Http.HttpContext context)
    {
        context.Response.StatusCode = 204;
        return Task.CompletedTask;
    }

    private static async Task<string> MeasureAsync(string name, INotifier notifier, Func<int, Channel> channelFor)
    {
        await notifier.SendAsync(TestData.Request(channelFor(-1)), CancellationToken.None); // warm-up: connections, JIT
        var next = -1;
        var delivered = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Deliveries)
            {
                var alert = TestData.Alert() with { Id = "al_" + i.ToString("D32", CultureInfo.InvariantCulture) };
                var result = await notifier.SendAsync(TestData.Request(channelFor(i), alert), CancellationToken.None);
                Assert.True(result is DeliveryResult.Delivered, name + ": " + result);
                if (result is DeliveryResult.Delivered)
                {
                    Interlocked.Increment(ref delivered);
                }
            }
        }));
        watch.Stop();

        Assert.Equal(Deliveries, delivered);
        var rate = Deliveries / watch.Elapsed.TotalSeconds;
        Assert.True(rate > 5, $"{name}: {rate:0} deliveries/s");
        return $"{name}: {rate:0} deliveries/s ({Deliveries} in {watch.Elapsed.TotalMilliseconds:0} ms, {Concurrency} concurrent)";
    }
}
