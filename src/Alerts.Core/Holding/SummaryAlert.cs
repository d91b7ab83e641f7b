using System.Globalization;
using System.Text;
using Alerts.Core.Model;

namespace Alerts.Core.Holding;

/// <summary>
/// The one message a channel gets for a batch of held alerts: a headline saying how many and why they waited, and a line per
/// alert (local time, headline, link). Batches are cut into chunks that fit every chat platform's message limits.
/// </summary>
public static class SummaryAlert
{
    public const string RuleId = "summary";

    /// <summary>At most this many alerts per message: a summary stays readable and under Slack's block limits.</summary>
    public const int MaxAlertsPerMessage = 20;

    /// <summary>Characters of alert lines per message, under Slack's 3,000 per text block and Discord's 4,096 per description.</summary>
    public const int MaxDetailChars = 2_800;

    public static IReadOnlyList<IReadOnlyList<Alert>> Chunk(IReadOnlyList<Alert> alerts, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var chunks = new List<IReadOnlyList<Alert>>();
        var current = new List<Alert>();
        var length = 0;
        foreach (var alert in alerts)
        {
            var line = Line(alert, zone).Length + 1;
            if (current.Count > 0 && (current.Count == MaxAlertsPerMessage || length + line > MaxDetailChars))
            {
                chunks.Add(current);
                current = [];
                length = 0;
            }

            current.Add(alert);
            length += line;
        }

        if (current.Count > 0)
        {
            chunks.Add(current);
        }

        return chunks;
    }

    public static Alert Build(
        string id, HeldDelivery batch, IReadOnlyList<Alert> alerts, int part, int parts, TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(alerts);
        var count = alerts.Count == 1 ? "1 alert" : $"{alerts.Count} alerts";
        var headline = batch.Reason == HoldReason.Digest
            ? $"Digest: {count} ({batch.Window})"
            : $"{count} held during quiet hours ({batch.Window})";
        if (parts > 1)
        {
            headline += $", part {part} of {parts}";
        }

        var detail = new StringBuilder();
        foreach (var alert in alerts)
        {
            detail.Append(Line(alert, zone)).Append('\n');
        }

        var companies = alerts.Select(a => a.CompanyName).Distinct(StringComparer.Ordinal).ToList();
        var companyName = companies.Count <= 3 ? string.Join(", ", companies) : $"{string.Join(", ", companies.Take(3))} and {companies.Count - 3} more";
        return new Alert(
            batch.TenantId, id, RuleId, batch.Reason == HoldReason.Digest ? "Digest" : "Quiet hours", batch.BatchKey,
            alerts.Any(a => a.EventKind == MarketEventKind.Announcement) ? MarketEventKind.Announcement : MarketEventKind.PriceTick,
            CompanyId: companies.Count == 1 ? alerts[0].CompanyId : null, companyName, headline, detail.ToString().TrimEnd('\n'), Url: null,
            [.. alerts.SelectMany(a => a.Categories).Distinct()], Symbol: null, Price: null, ChangePercent: null, Currency: null,
            alerts.Max(a => a.OccurredAt), now);
    }

    private static string Line(Alert alert, TimeZoneInfo zone)
    {
        var at = TimeZoneInfo.ConvertTime(alert.OccurredAt, zone).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);
        return alert.Url is { } url ? $"• {at} {alert.Headline} {url.AbsoluteUri}" : $"• {at} {alert.Headline}";
    }
}
