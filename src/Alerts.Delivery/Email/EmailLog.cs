using Microsoft.Extensions.Logging;

namespace Alerts.Delivery.Email;

/// <summary>Email log events. Recipient addresses are personal data: logs carry the channel id, never the address.</summary>
internal static partial class EmailLog
{
    [LoggerMessage(EventId = 2200, Level = LogLevel.Information,
        Message = "Email for delivery {DeliveryId} written to the outbox as {FileName}; alert {AlertId}, channel {ChannelId}, tenant {TenantId}")]
    public static partial void Written(ILogger logger, string deliveryId, string fileName, string alertId, string channelId, string tenantId);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information,
        Message = "Email for delivery {DeliveryId} was already in the outbox; alert {AlertId}, channel {ChannelId}, tenant {TenantId}")]
    public static partial void AlreadyWritten(ILogger logger, string deliveryId, string alertId, string channelId, string tenantId);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning,
        Message = "Email for delivery {DeliveryId} refused: {Detail}; alert {AlertId}, channel {ChannelId}, tenant {TenantId}")]
    public static partial void Refused(ILogger logger, string deliveryId, string detail, string alertId, string channelId, string tenantId);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Error,
        Message = "Email for delivery {DeliveryId} could not be written to the outbox ({ErrorType}); alert {AlertId}, channel {ChannelId}, tenant {TenantId}")]
    public static partial void WriteFailed(ILogger logger, string deliveryId, string errorType, string alertId, string channelId, string tenantId, Exception exception);
}
