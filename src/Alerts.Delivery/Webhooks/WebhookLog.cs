using Alerts.Core.Notifications;
using Microsoft.Extensions.Logging;

namespace Alerts.Delivery.Webhooks;

/// <summary>Webhook log events. The target is logged by host only: the path and query of a webhook URL are credentials.</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information,
        Message = "Webhook delivered to {Host} ({StatusCode}) for delivery {DeliveryId}, alert {AlertId}, channel {ChannelId}, tenant {TenantId}")]
    public static partial void Delivered(ILogger logger, string host, int? statusCode, string deliveryId, string alertId, string channelId, string tenantId);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning,
        Message = "Webhook to {Host} failed, retryable ({Reason}, {StatusCode}, retry after {RetryAfter}): {Detail}; delivery {DeliveryId}, alert {AlertId}, channel {ChannelId}, tenant {TenantId}")]
    public static partial void Retryable(ILogger logger, string host, FailureReason reason, int? statusCode, TimeSpan? retryAfter, string detail, string deliveryId, string alertId, string channelId, string tenantId);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning,
        Message = "Webhook to {Host} failed permanently ({Reason}, {StatusCode}, disable endpoint {DisableEndpoint}): {Detail}; delivery {DeliveryId}, alert {AlertId}, channel {ChannelId}, tenant {TenantId}")]
    public static partial void Permanent(ILogger logger, string host, FailureReason reason, int? statusCode, bool disableEndpoint, string detail, string deliveryId, string alertId, string channelId, string tenantId);
}
