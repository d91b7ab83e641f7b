namespace Alerts.Core.Model;

/// <summary>
/// A rule fired on an event. <see cref="Id"/> = hash(rule id, event id), so evaluating the same event twice
/// produces the same alert and the insert-if-absent store keeps one. <see cref="PreviousClose"/> is the close a price move
/// was measured against (null for announcements, and for alerts stored before it was recorded).
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
    DateTimeOffset CreatedAt,
    decimal? PreviousClose = null);
