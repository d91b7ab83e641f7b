namespace Alerts.Core.Model;

/// <summary>
/// Binds a rule to the channels its alerts are delivered to. <see cref="Templates"/> optionally overrides, per channel id,
/// how the message reads; <see cref="TimeZone"/> (IANA, e.g. <c>Asia/Hong_Kong</c>) is the zone times are shown in (UTC when
/// not given). <see cref="QuietHours"/> holds alerts during a daily window and <see cref="Digest"/> collects them for set
/// times of day, both in that zone (see <c>Holding.HoldPolicy</c>).
/// </summary>
public sealed record Subscription(
    string TenantId,
    string Id,
    string RuleId,
    IReadOnlyList<string> ChannelIds,
    IReadOnlyDictionary<string, MessageTemplate>? Templates = null,
    string? TimeZone = null,
    QuietHours? QuietHours = null,
    DigestSchedule? Digest = null);
