namespace Alerts.Core.Model;

public enum HoldReason
{
    QuietHours,
    Digest,
}

/// <summary>
/// A delivery waiting in a batch (<see cref="BatchKey"/> = tenant, channel and release time) to be released at
/// <see cref="ReleaseAt"/>; <see cref="Window"/> says, in words, why it waited ("22:00–07:00 Asia/Hong_Kong").
/// </summary>
public sealed record HeldDelivery(
    string BatchKey,
    string TenantId,
    string DeliveryId,
    string AlertId,
    string ChannelId,
    ChannelKind ChannelKind,
    DateTimeOffset ReleaseAt,
    HoldReason Reason,
    string Window,
    string TimeZone);
