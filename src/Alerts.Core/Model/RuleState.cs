namespace Alerts.Core.Model;

/// <summary>
/// What a rule remembers about one subject (a company for announcement rules, a symbol for price rules),
/// stored so that a restart neither re-fires nor forgets an armed level.
/// </summary>
public sealed record RuleState(
    string TenantId,
    string RuleId,
    string Subject,
    DateTimeOffset? LastFiredAt,
    string? LastFiredEventId,
    int FireCount,
    bool Armed,
    DateTimeOffset? LastSeenAt)
{
    public static RuleState Initial(string tenantId, string ruleId, string subject) =>
        new(tenantId, ruleId, subject, null, null, 0, Armed: true, LastSeenAt: null);
}
