using Alerts.Core.Model;
using Alerts.Core.Notifications;
using Alerts.Delivery.ServiceBus;
using Alerts.Delivery.Tests.Support;
using Alerts.Delivery.Webhooks;
using Azure.Identity;
using Azure.Messaging.ServiceBus;

namespace Alerts.Delivery.Tests.ServiceBus;

/// <summary>A sender that records messages or throws what a broker would; no broker can run here.</summary>
internal sealed class RecordingSender(Func<ServiceBusMessage, Exception?>? fail = null) : ServiceBusSender
{
    public List<ServiceBusMessage> Sent { get; } = [];

    public override Task SendMessageAsync(ServiceBusMessage message, CancellationToken cancellationToken = default)
    {
        if (fail?.Invoke(message) is { } exception)
        {
            throw exception;
        }

        Sent.Add(message);
        return Task.CompletedTask;
    }

    public override Task CloseAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}

internal sealed class FixedSenders(ServiceBusSender sender) : IServiceBusSenders
{
    public List<(ServiceBusTarget Target, string? ConnectionString)> Asked { get; } = [];

    public ServiceBusSender Get(ServiceBusTarget target, string? connectionString)
    {
        Asked.Add((target, connectionString));
        return sender;
    }
}

public class ServiceBusNotifierTests
{
    internal const string ConnectionString = "Endpoint=sb://team-ns.servicebus.windows.net/;SharedAccessKeyName=send-only;SharedAccessKey=c2VjcmV0U2hhcmVkQWNjZXNzS2V5MDEyMzQ1Njc4OQ==";

    private static CancellationToken Ct => CancellationToken.None;

    internal static Channel Channel(string? secret = null, string target = "sb://team-ns.servicebus.windows.net/alerts-topic") =>
        new("t1", "ch-bus", "Quant team bus", ChannelKind.ServiceBus, target, secret);

    [Fact]
    public async Task Publishes_the_alert_with_the_delivery_id_as_message_id_and_filterable_properties()
    {
        var sender = new RecordingSender();
        var senders = new FixedSenders(sender);
        var notifier = new ServiceBusNotifier(senders, new CapturingLoggerProvider().CreateLogger<ServiceBusNotifier>());
        var alert = TestData.Alert(price: 496m);
        var request = TestData.Request(Channel(), alert);

        var result = await notifier.SendAsync(request, Ct);

        Assert.IsType<DeliveryResult.Delivered>(result);
        var message = Assert.Single(sender.Sent);
        Assert.Equal(request.Delivery.Id, message.MessageId);
        Assert.Equal("alert.priceTick", message.Subject);
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal(AlertPayloadSerializer.Serialize(alert, request.Delivery), message.Body.ToArray());
        Assert.Equal("t1", message.ApplicationProperties["tenant"]);
        Assert.Equal("rule-results", message.ApplicationProperties["rule"]);
        Assert.Equal("0700.HK", message.ApplicationProperties["symbols"]);
        Assert.Equal("results,tradingHalt", message.ApplicationProperties["category"]);
        Assert.Equal(("team-ns.servicebus.windows.net", "alerts-topic", (string?)null), (senders.Asked[0].Target.FullyQualifiedNamespace, senders.Asked[0].Target.Entity, senders.Asked[0].ConnectionString));
    }

    [Fact]
    public async Task Every_attempt_sends_the_same_message_id_and_body_so_duplicate_detection_works()
    {
        var sender = new RecordingSender();
        var notifier = new ServiceBusNotifier(new FixedSenders(sender), new CapturingLoggerProvider().CreateLogger<ServiceBusNotifier>());
        var request = TestData.Request(Channel(ConnectionString));

        await notifier.SendAsync(request, Ct);
        await notifier.SendAsync(request with { Now = request.Now.AddMinutes(5) }, Ct);

        Assert.Equal(sender.Sent[0].MessageId, sender.Sent[1].MessageId);
        Assert.Equal(sender.Sent[0].Body.ToArray(), sender.Sent[1].Body.ToArray());
    }

    public static TheoryData<string, Exception, bool, bool> Failures => new()
    {
        { "entity gone", new ServiceBusException("not found", ServiceBusFailureReason.MessagingEntityNotFound), false, true },
        { "entity disabled", new ServiceBusException("disabled", ServiceBusFailureReason.MessagingEntityDisabled), false, false },
        { "too large", new ServiceBusException("size", ServiceBusFailureReason.MessageSizeExceeded), false, false },
        { "quota", new ServiceBusException("quota", ServiceBusFailureReason.QuotaExceeded), true, false },
        { "busy", new ServiceBusException("busy", ServiceBusFailureReason.ServiceBusy), true, false },
        { "timeout", new ServiceBusException("timeout", ServiceBusFailureReason.ServiceTimeout), true, false },
        { "network", new ServiceBusException("comm", ServiceBusFailureReason.ServiceCommunicationProblem), true, false },
        { "denied", new UnauthorizedAccessException("Unauthorized access. 'Send' claim(s) are required"), false, false },
        { "no identity", new CredentialUnavailableException("no managed identity endpoint"), false, false },
        { "token failure", new AuthenticationFailedException("IMDS timed out"), true, false },
        { "bad connection string", new FormatException("The connection string could not be parsed"), false, false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Broker_failures_are_classified_by_reason(string what, Exception failure, bool retryable, bool disables)
    {
        var notifier = new ServiceBusNotifier(new FixedSenders(new RecordingSender(_ => failure)), new CapturingLoggerProvider().CreateLogger<ServiceBusNotifier>());

        var result = await notifier.SendAsync(TestData.Request(Channel()), Ct);

        Assert.True(retryable == result is DeliveryResult.Retryable, what + ": " + result);
        Assert.Equal(disables, result is DeliveryResult.Permanent { DisableEndpoint: true });
    }

    [Theory]
    [InlineData("https://team-ns.servicebus.windows.net/alerts")]
    [InlineData("sb://team-ns.servicebus.windows.net/")]
    [InlineData("team-ns/alerts")]
    public async Task A_malformed_target_is_permanent_and_never_reaches_a_client(string target)
    {
        var senders = new FixedSenders(new RecordingSender());
        var notifier = new ServiceBusNotifier(senders, new CapturingLoggerProvider().CreateLogger<ServiceBusNotifier>());

        var result = await notifier.SendAsync(TestData.Request(Channel(target: target)), Ct);

        Assert.Equal(FailureReason.InvalidTarget, Assert.IsType<DeliveryResult.Permanent>(result).Reason);
        Assert.Empty(senders.Asked);
    }

    [Fact]
    public void The_real_sender_cache_builds_clients_without_contacting_a_broker()
    {
        var senders = new ServiceBusSenders(new Azure.Identity.ClientSecretCredential("tenant", "client", "secret"));
        Assert.True(ServiceBusTarget.TryParse("sb://team-ns.servicebus.windows.net/alerts", out var target));

        var viaIdentity = senders.Get(target, null);
        var viaString = senders.Get(target, ConnectionString);

        Assert.Same(viaIdentity, senders.Get(target, null));
        Assert.Equal("alerts", viaIdentity.EntityPath);
        Assert.Equal("team-ns.servicebus.windows.net", viaString.FullyQualifiedNamespace);
    }
}
