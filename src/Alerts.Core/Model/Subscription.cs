namespace Alerts.Core.Model;

/// <summary>Binds a rule to the channels its alerts are delivered to.</summary>
public sealed record Subscription(string TenantId, string Id, string RuleId, IReadOnlyList<string> ChannelIds);
