using Alerts.Core.Model;
using Alerts.Core.Notifications;
using Microsoft.Extensions.Logging;

namespace Alerts.Delivery.Chat;

/// <summary>Log events of the chat and bus channels. Targets are logged by host only: webhook paths and queries are credentials.</summary>
internal static partial class ChannelLog
{
    [LoggerMessage(EventId = 2300, Level = LogLevel.Information,
        Message = "{Kind} delivered to {Host} ({StatusCode}) for delivery {DeliveryId}, alert {AlertId}, channel {ChannelId}, tenant {TenantId}")]
    public static partial void Delivered(ILogger logger, ChannelKind kind, string host, int? statusCode, string deliveryId, string alertId, string channelId, string tenantId);

    [LoggerMessage(EventId = 2301, Level = LogLevel.Warning,
        Message = "{Kind} to {Host} failed, retryable ({Reason}, {StatusCode}, retry after {RetryAfter}): {Detail}; delivery {DeliveryId}, alert {AlertId}, channel {ChannelId}, tenant {TenantId}")]
    public static partial void Retryable(ILogger logger, ChannelKind kind, string host, FailureReason reason, int? statusCode, TimeSpan? retryAfter, string detail, string deliveryId, string alertId, string channelId, string tenantId);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Warning,
        Message = "{Kind} to {Host} failed permanently ({Reason}, {StatusCode}, disable endpoint {DisableEndpoint}): {Detail}; delivery {DeliveryId}, alert {AlertId}, channel {ChannelId}, tenant {TenantId}")]
    public static partial void Permanent(ILogger logger, ChannelKind kind, string host, FailureReason reason, int? statusCode, bool disableEndpoint, string detail, string deliveryId, string alertId, string channelId, string tenantId);

    public static void Outcome(ILogger logger, DeliveryRequest request, string host, DeliveryResult result)
    {
        var (delivery, alert, channel) = (request.Delivery, request.Alert, request.Channel);
        switch (result)
        {
            case DeliveryResult.Delivered d:
                Delivered(logger, channel.Kind, host, d.Code, delivery.Id, alert.Id, channel.Id, channel.TenantId);
                break;
            case DeliveryResult.Retryable r:
                Retryable(logger, channel.Kind, host, r.Reason, r.Code, r.RetryAfter, r.Detail, delivery.Id, alert.Id, channel.Id, channel.TenantId);
                break;
            case DeliveryResult.Permanent p:
                Permanent(logger, channel.Kind, host, p.Reason, p.Code, p.DisableEndpoint, p.Detail, delivery.Id, alert.Id, channel.Id, channel.TenantId);
                break;
        }
    }

    public static string HostOf(string? target) =>
        Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.IdnHost.Length > 0 ? uri.IdnHost : "(invalid target)";
}
