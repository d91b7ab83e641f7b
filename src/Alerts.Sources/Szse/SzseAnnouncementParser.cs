using Alerts.Core.Companies;
using Alerts.Core.Model;
using Alerts.Sources.Categories;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Szse;

/// <summary>
/// Parses the SZSE announcement list. <c>publishTime</c> is Beijing time (often 00:00:00, a date in practice);
/// <c>secCode</c>/<c>secName</c> are parallel arrays, so one announcement can name several securities.
/// </summary>
public static class SzseAnnouncementParser
{
    public const string Source = "szse";
    public const string Language = "zh-Hans";

    public static readonly Uri DocumentHost = new("https://disc.static.szse.cn");

    public static ParseResult<Announcement> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonRows.ReadField(
            json, "SZSE announcement list", "data", "announceCount", SzseJsonContext.Default.SzseAnnouncementRow, TryMap);
    }

    private static string? TryMap(SzseAnnouncementRow row, out Announcement? announcement)
    {
        announcement = null;
        var sourceId = !string.IsNullOrWhiteSpace(row.Id) ? row.Id.Trim() : row.AnnId?.Trim();
        if (string.IsNullOrEmpty(sourceId))
        {
            return "neither id nor annId is present";
        }

        var title = HtmlText.ToPlain(row.Title);
        if (title.Length == 0)
        {
            return $"announcement {sourceId}: missing title";
        }

        if (!ChinaTime.TryParse(row.PublishTime, ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"], out var published))
        {
            return $"announcement {sourceId}: publishTime '{row.PublishTime}' is not yyyy-MM-dd HH:mm:ss";
        }

        var codes = row.SecCodes ?? [];
        var names = row.SecNames ?? [];
        var issuers = codes
            .Select((code, i) => (code: code?.Trim() ?? string.Empty, name: i < names.Count ? names[i]?.Trim() : null))
            .Where(pair => pair.code.Length > 0)
            .Select(pair => new IssuerRef(SymbolFormat.Szse, pair.code, pair.name))
            .ToList();
        announcement = Announcement.Create(
            Source,
            sourceId,
            issuers,
            title,
            Language,
            AnnouncementClassifier.Classify(title),
            string.Join(",", row.BigCategoryIds ?? []),
            Urls.Join(DocumentHost, row.AttachPath is null ? null : "/download" + row.AttachPath),
            published);
        return null;
    }
}
