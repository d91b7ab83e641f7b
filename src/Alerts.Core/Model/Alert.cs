namespace Alerts.Core.Model;

/// <summary>
/// A rule fired on an event. <see cref="Id"/> = hash(rule id, event id), so evaluating the same event twice
/// produces the same alert and the insert-if-absent store keeps one.
/// </summary>
public sealed record Alert(
    string TenantId,
    string Id,
    string RuleId,
    string RuleName,
    string EventId,
    MarketEventKind EventKind,
    string? CompanyId,
    string CompanyName,
    string Headline,
    string Detail,
    Uri? Url,
    IReadOnlyList<AnnouncementCategory> Categories,
    string? Symbol,
    decimal? Price,
    decimal? ChangePercent,
    string? Currency,
    DateTimeOffset OccurredAt,
    DateTimeOffset CreatedAt);
