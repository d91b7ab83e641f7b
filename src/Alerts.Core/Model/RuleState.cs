namespace Alerts.Core.Model;

/// <summary>
/// What a rule remembers about one subject (a company for announcement rules, a symbol for price rules),
/// stored so that a restart neither re-fires nor forgets an armed level. <see cref="Reference"/> is the value a "moves by X"
/// rule measures from (the listing spread when it last fired).
/// </summary>
public sealed record RuleState(
    string TenantId,
    string RuleId,
    string Subject,
    DateTimeOffset? LastFiredAt,
    string? LastFiredEventId,
    int FireCount,
    bool Armed,
    DateTimeOffset? LastSeenAt,
    decimal? Reference = null)
{
    public static RuleState Initial(string tenantId, string ruleId, string subject) =>
        new(tenantId, ruleId, subject, null, null, 0, Armed: true, LastSeenAt: null);
}
