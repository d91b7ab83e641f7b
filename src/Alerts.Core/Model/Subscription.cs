namespace Alerts.Core.Model;

/// <summary>
/// Binds a rule to the channels its alerts are delivered to. <see cref="Templates"/> optionally overrides, per channel id,
/// how the message reads; <see cref="TimeZone"/> (IANA, e.g. <c>Asia/Hong_Kong</c>) is the zone times are shown in (UTC when
/// not given).
/// </summary>
public sealed record Subscription(
    string TenantId,
    string Id,
    string RuleId,
    IReadOnlyList<string> ChannelIds,
    IReadOnlyDictionary<string, MessageTemplate>? Templates = null,
    string? TimeZone = null);
