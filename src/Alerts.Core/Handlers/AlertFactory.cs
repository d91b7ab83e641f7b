using System.Globalization;
using Alerts.Core.Model;
using Alerts.Core.Rules;

namespace Alerts.Core.Handlers;

/// <summary>Turns a fired rule and its event into the alert users read: what happened, to whom, where to look.</summary>
public static class AlertFactory
{
    /// <param name="explanation">What a market rule saw (<see cref="FiringDecision.Explanation"/>), written into the headline.</param>
    /// <param name="ids">The store's id layout.</param>
    public static Alert Create(RuleMatch match, MarketEvent marketEvent, DateTimeOffset now, string? explanation = null, AlertIdLayout? ids = null)
    {
        ArgumentNullException.ThrowIfNull(marketEvent);
        var rule = match.Rule;
        var id = StableIds.Alert(ids ?? AlertIdLayout.Hashed, rule.TenantId, rule.Id, marketEvent.Id, marketEvent.OccurredAt);
        if (marketEvent.Kind == MarketEventKind.Announcement)
        {
            var announcement = marketEvent.Announcement!;
            var companyName = match.Company?.Names.FirstOrDefault() ?? announcement.Issuers.Select(i => i.Name ?? i.Code).FirstOrDefault() ?? "unknown issuer";
            var issuers = string.Join(", ", announcement.Issuers.Select(i => i.Code is null ? $"{i.Exchange} {i.Name}" : $"{i.Exchange} {i.Code}"));
            return new Alert(
                rule.TenantId, id, rule.Id, rule.Name, marketEvent.Id, marketEvent.Kind, match.Company?.Id, companyName,
                Headline: $"{companyName}: {Titles(announcement)}",
                Detail: $"{announcement.RawCategory} · {issuers} · published {announcement.PublishedAt:yyyy-MM-dd HH:mm zzz} ({announcement.Source})",
                announcement.Url, announcement.Categories, Symbol: null, Price: null, ChangePercent: null, Currency: null,
                announcement.PublishedAt, now);
        }

        var tick = marketEvent.Tick!;
        var name = match.Company?.Names.FirstOrDefault() ?? tick.Symbol;
        var change = Math.Round(tick.ChangePercent, 2);
        var what = rule switch
        {
            PriceLevelRule level => $"crossed {(level.Direction == CrossDirection.Above ? "above" : "below")} {tick.Currency} {Money(level.Level)}",
            PriceMoveRule move => $"moved {change.ToString("+0.00;-0.00", CultureInfo.InvariantCulture)}% (threshold {move.ThresholdPercent.ToString(CultureInfo.InvariantCulture)}%)",
            _ => explanation ?? "price alert",
        };
        var headline = rule is IMarketRule && explanation is not null
            ? $"{name} ({tick.Symbol}) {explanation}"
            : $"{name} ({tick.Symbol}) {what}: {tick.Currency} {Money(tick.Price)}";
        return new Alert(
            rule.TenantId, id, rule.Id, rule.Name, marketEvent.Id, marketEvent.Kind, match.Company?.Id, name,
            Headline: headline,
            Detail: $"Previous close {tick.Currency} {Money(tick.PreviousClose)}, change {change.ToString("+0.00;-0.00", CultureInfo.InvariantCulture)}% at {tick.Time:yyyy-MM-dd HH:mm:ss zzz} ({tick.Source})",
            Url: null, Categories: [], tick.Symbol, tick.Price, change, tick.Currency, tick.Time, now, PreviousClose: tick.PreviousClose);
    }

    /// <summary>
    /// Every language's title, the announcement's own first. Subscribers have no language preference yet, so HKEX pairs lead
    /// with English (the parser puts it first).
    /// </summary>
    private static string Titles(Announcement announcement) =>
        announcement.Translations is not { Count: > 0 } others
            ? announcement.Title
            : string.Join(" / ", others.Select(t => t.Title).Prepend(announcement.Title).Distinct(StringComparer.Ordinal));

    private static string Money(decimal amount) => amount.ToString("#,0.00##", CultureInfo.InvariantCulture);
}
