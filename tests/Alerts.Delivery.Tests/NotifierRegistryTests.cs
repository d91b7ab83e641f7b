using Alerts.Core.Model;
using Alerts.Core.Notifications;
using Alerts.Delivery.Tests.Support;

namespace Alerts.Delivery.Tests;

public class NotifierRegistryTests
{
    private sealed class FakeNotifier(ChannelKind kind) : INotifier
    {
        public List<DeliveryRequest> Sent { get; } = [];

        public ChannelKind Kind => kind;

        public Task<DeliveryResult> SendAsync(DeliveryRequest request, CancellationToken cancellationToken)
        {
            Sent.Add(request);
            return Task.FromResult<DeliveryResult>(new DeliveryResult.Delivered(200));
        }
    }

    [Fact]
    public async Task Dispatches_each_request_to_the_notifier_of_its_channel_kind()
    {
        var (email, webhook) = (new FakeNotifier(ChannelKind.Email), new FakeNotifier(ChannelKind.Webhook));
        var registry = new NotifierRegistry([email, webhook]);

        await registry.SendAsync(TestData.Request(TestData.WebhookChannel("https://example.com/h")), CancellationToken.None);

        Assert.Single(webhook.Sent);
        Assert.Empty(email.Sent);
        Assert.Equal([ChannelKind.Email, ChannelKind.Webhook], registry.Kinds.Order());
        Assert.Same(email, registry.Find(ChannelKind.Email));
    }

    [Fact]
    public async Task A_kind_without_a_notifier_fails_permanently_and_says_which()
    {
        var registry = new NotifierRegistry([new FakeNotifier(ChannelKind.Email)]);
        var slack = new Channel("t1", "ch-slack", "Team", ChannelKind.Slack, "https://hooks.slack.com/services/T/B/X");

        var result = await registry.SendAsync(TestData.Request(slack), CancellationToken.None);

        var permanent = Assert.IsType<DeliveryResult.Permanent>(result);
        Assert.Equal(FailureReason.InvalidTarget, permanent.Reason);
        Assert.Equal("no notifier is configured for channel kind Slack", permanent.Detail);
        Assert.False(registry.Supports(ChannelKind.Slack));
    }

    [Fact]
    public void Two_notifiers_for_one_kind_are_a_wiring_error() =>
        Assert.Throws<ArgumentException>(() => new NotifierRegistry([new FakeNotifier(ChannelKind.Email), new FakeNotifier(ChannelKind.Email)]));
}
