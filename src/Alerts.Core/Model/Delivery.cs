namespace Alerts.Core.Model;

public enum DeliveryStatus
{
    Pending,
    Delivered,
    DeadLettered,

    /// <summary>Held by the subscription's quiet hours or digest until <see cref="Delivery.NextAttemptAt"/>.</summary>
    Held,

    /// <summary>Released as part of a summary message: <see cref="Delivery.SummaryDeliveryId"/> is the delivery that carried it.</summary>
    Summarized,
}

/// <summary>
/// One alert to one channel. <see cref="Id"/> = hash(alert id, channel id); it is also the <c>webhook-id</c> receivers dedupe on.
/// <see cref="LeasedUntil"/> is set (with an ETag-conditional write) while one worker is sending, so a duplicate message cannot send twice.
/// </summary>
public sealed record Delivery(
    string TenantId,
    string Id,
    string AlertId,
    string ChannelId,
    ChannelKind ChannelKind,
    DeliveryStatus Status,
    int AttemptCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? LeasedUntil = null,
    DateTimeOffset? DeliveredAt = null,
    string? LastError = null,
    int? LastStatusCode = null,
    string? SummaryDeliveryId = null);
