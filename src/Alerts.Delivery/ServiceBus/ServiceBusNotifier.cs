using System.Text.Json;
using Alerts.Core.Model;
using Alerts.Core.Notifications;
using Alerts.Delivery.Chat;
using Alerts.Delivery.Webhooks;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging;

namespace Alerts.Delivery.ServiceBus;

/// <summary>
/// Publishes each alert to a team's own Service Bus queue or topic: the body is the webhook's <c>alert.fired</c> JSON,
/// <c>MessageId</c> is the delivery id (so the team's duplicate detection drops a retry), <c>Subject</c> the alert type,
/// and tenant, rule, symbols and categories are application properties for subscription filters. One attempt; failures
/// are classified by <see cref="ServiceBusException.Reason"/>.
/// </summary>
public sealed class ServiceBusNotifier(IServiceBusSenders senders, ILogger<ServiceBusNotifier> logger) : INotifier
{
    public ChannelKind Kind => ChannelKind.ServiceBus;

    public async Task<DeliveryResult> SendAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var host = ServiceBusTarget.TryParse(request.Channel.Target, out var parsed) ? parsed.FullyQualifiedNamespace : "(invalid target)";
        var result = await SendOnceAsync(request, parsed, cancellationToken);
        ChannelLog.Outcome(logger, request, host, result);
        return result;
    }

    /// <summary>The message for one delivery: the same bytes on every attempt.</summary>
    public static ServiceBusMessage Build(Alert alert, Core.Model.Delivery delivery)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(delivery);
        var message = new ServiceBusMessage(AlertPayloadSerializer.Serialize(alert, delivery))
        {
            MessageId = delivery.Id,
            Subject = Subject(alert),
            ContentType = "application/json",
            CorrelationId = alert.Id,
        };
        var properties = message.ApplicationProperties;
        properties["tenant"] = alert.TenantId;
        properties["rule"] = alert.RuleId;
        properties["alertId"] = alert.Id;
        properties["eventKind"] = JsonNamingPolicy.CamelCase.ConvertName(alert.EventKind.ToString());
        properties["symbols"] = alert.Symbol ?? string.Empty;
        properties["category"] = string.Join(",", alert.Categories.Select(c => JsonNamingPolicy.CamelCase.ConvertName(c.ToString())));
        if (alert.CompanyId is { } company)
        {
            properties["company"] = company;
        }

        return message;
    }

    /// <summary><c>alert.announcement</c> or <c>alert.priceTick</c>: what a subscription filter on Subject can tell apart.</summary>
    public static string Subject(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return "alert." + JsonNamingPolicy.CamelCase.ConvertName(alert.EventKind.ToString());
    }

    /// <summary>Which broker answers are worth another attempt, and which mean the channel must be fixed by its owner.</summary>
    public static DeliveryResult Classify(Exception exception) => exception switch
    {
        ServiceBusException { Reason: ServiceBusFailureReason.MessagingEntityNotFound } => new DeliveryResult.Permanent(
            FailureReason.Gone, "Service Bus says the queue or topic does not exist; create it or fix the channel's target", null, DisableEndpoint: true),
        ServiceBusException { Reason: ServiceBusFailureReason.MessagingEntityDisabled } => new DeliveryResult.Permanent(
            FailureReason.Rejected, "Service Bus says the queue or topic is disabled; enable it, then redeliver", null),
        ServiceBusException { Reason: ServiceBusFailureReason.MessageSizeExceeded } => new DeliveryResult.Permanent(
            FailureReason.Rejected, "Service Bus refused the message as too large for the entity's tier", null),
        ServiceBusException { Reason: ServiceBusFailureReason.QuotaExceeded } => new DeliveryResult.Retryable(
            FailureReason.RateLimited, "Service Bus quota exceeded (the entity is full or the namespace throttled)", null, TimeSpan.FromMinutes(1)),
        ServiceBusException { Reason: ServiceBusFailureReason.ServiceBusy } => new DeliveryResult.Retryable(
            FailureReason.RateLimited, "Service Bus is busy (throttling)", null, TimeSpan.FromSeconds(10)),
        ServiceBusException { Reason: ServiceBusFailureReason.ServiceTimeout } => new DeliveryResult.Retryable(
            FailureReason.Timeout, "Service Bus timed out", null),
        ServiceBusException { Reason: ServiceBusFailureReason.ServiceCommunicationProblem } => new DeliveryResult.Retryable(
            FailureReason.Network, "cannot reach the Service Bus namespace", null),
        ServiceBusException sb when sb.IsTransient => new DeliveryResult.Retryable(FailureReason.ServerError, "Service Bus transient failure: " + sb.Reason, null),
        ServiceBusException sb => new DeliveryResult.Permanent(FailureReason.Rejected, "Service Bus refused the message: " + sb.Reason, null),
        UnauthorizedAccessException => new DeliveryResult.Permanent(FailureReason.Rejected,
            "Service Bus denied access: give the app's identity the Azure Service Bus Data Sender role on the entity, or fix the connection string's Send claim", null),
        CredentialUnavailableException => new DeliveryResult.Permanent(FailureReason.Rejected,
            "no managed identity is available to reach Service Bus; assign one to the app or give the channel a connection string", null),
        AuthenticationFailedException => new DeliveryResult.Retryable(FailureReason.Network, "could not get a token for Service Bus", null),
        ArgumentException or FormatException => new DeliveryResult.Permanent(
            FailureReason.InvalidTarget, "the channel's Service Bus connection string or entity name is malformed", null),
        TimeoutException or OperationCanceledException => new DeliveryResult.Retryable(FailureReason.Timeout, "timed out", null),
        _ => new DeliveryResult.Retryable(FailureReason.Network, exception.GetType().Name, null),
    };

    private async Task<DeliveryResult> SendOnceAsync(DeliveryRequest request, ServiceBusTarget? target, CancellationToken cancellationToken)
    {
        var secret = request.Channel.Secret;
        if (target is null)
        {
            return new DeliveryResult.Permanent(FailureReason.InvalidTarget, "target " + ServiceBusTarget.FormatDescription, null);
        }

        if (secret is not null && !ServiceBusTarget.IsConnectionString(secret))
        {
            return new DeliveryResult.Permanent(FailureReason.InvalidTarget, "secret must be a Service Bus connection string or left out (managed identity)", null);
        }

        try
        {
            var sender = senders.Get(target, secret);
            await sender.SendMessageAsync(Build(request.Alert, request.Delivery), cancellationToken);
            return new DeliveryResult.Delivered(null);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is not (OutOfMemoryException or StackOverflowException))
        {
            return Classify(exception);
        }
    }
}
