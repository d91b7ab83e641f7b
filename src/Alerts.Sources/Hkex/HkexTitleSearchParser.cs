using System.Text.Json;
using Alerts.Core.Model;
using Alerts.Sources.Categories;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Hkex;

/// <summary>
/// Parses the HKEXnews title search servlet (<c>/search/titleSearchServlet.do</c>). Its <c>result</c> is a JSON string
/// holding JSON (double-encoded); "no rows" comes back as null, "null", "" or "[]". Multi-issuer rows join codes and names
/// with <c>&lt;br/&gt;</c>; titles are HTML fragments.
/// </summary>
public static class HkexTitleSearchParser
{
    public static ParseResult<Announcement> Parse(string json, string language)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(language);
        using var outer = JsonRows.TryParseDocument(json, out var error);
        if (outer is null)
        {
            return ParseResult<Announcement>.Malformed("HKEX title search response is " + error);
        }

        if (outer.RootElement.ValueKind != JsonValueKind.Object || !outer.RootElement.TryGetProperty("result", out var result))
        {
            return ParseResult<Announcement>.Malformed("HKEX title search response has no result field");
        }

        switch (result.ValueKind)
        {
            case JsonValueKind.Null:
                return new ParseResult<Announcement>([], []);
            case JsonValueKind.Array:
                return ParseRows(result, language);
            case JsonValueKind.String:
                var inner = result.GetString()!.Trim();
                if (inner.Length == 0 || inner == "null" || inner == "[]")
                {
                    return new ParseResult<Announcement>([], []);
                }

                using (var rows = JsonRows.TryParseDocument(inner, out var innerError))
                {
                    if (rows is null)
                    {
                        return ParseResult<Announcement>.Malformed("HKEX title search result string is " + innerError);
                    }

                    return rows.RootElement.ValueKind == JsonValueKind.Array
                        ? ParseRows(rows.RootElement, language)
                        : ParseResult<Announcement>.Malformed("HKEX title search result string is not a JSON array");
                }

            default:
                return ParseResult<Announcement>.Malformed($"HKEX title search result is a {result.ValueKind}, not a string");
        }
    }

    private static ParseResult<Announcement> ParseRows(JsonElement rows, string language)
    {
        var parsed = JsonRows.ReadArray(
            rows, "result", HkexJsonContext.Default.HkexTitleSearchRow,
            (HkexTitleSearchRow row, out Announcement? announcement) => TryMap(row, language, out announcement));
        return parsed with { Items = MergeByNewsId(parsed.Items) };
    }

    /// <summary>The same document listed once per issuer becomes one announcement naming all of them, where it first appeared.</summary>
    private static List<Announcement> MergeByNewsId(IReadOnlyList<Announcement> announcements)
    {
        var byNewsId = new Dictionary<string, int>(StringComparer.Ordinal);
        var kept = new List<Announcement>();
        foreach (var announcement in announcements)
        {
            if (byNewsId.TryGetValue(announcement.SourceId, out var at))
            {
                kept[at] = kept[at] with { Issuers = [.. kept[at].Issuers.Union(announcement.Issuers)] };
            }
            else
            {
                byNewsId[announcement.SourceId] = kept.Count;
                kept.Add(announcement);
            }
        }

        return kept;
    }

    private static string? TryMap(HkexTitleSearchRow row, string language, out Announcement? announcement)
    {
        announcement = null;
        var newsId = row.NewsId?.Trim();
        if (string.IsNullOrEmpty(newsId) || !newsId.All(char.IsAsciiDigit))
        {
            return $"NEWS_ID '{row.NewsId}' is missing or not a number";
        }

        var title = HtmlText.ToPlain(row.Title);
        if (title.Length == 0)
        {
            return $"NEWS_ID {newsId}: missing TITLE";
        }

        if (!HkexNews.TryParseTime(row.DateTime, out var published))
        {
            return $"NEWS_ID {newsId}: DATE_TIME '{row.DateTime}' is not {HkexNews.TimeFormat}";
        }

        var codes = HtmlText.SplitOnBreaks(row.StockCode);
        var names = HtmlText.SplitOnBreaks(row.StockName);
        var issuers = codes
            .Select((code, i) => (code, name: i < names.Count ? names[i] : null))
            .Where(pair => pair.code.Length > 0)
            .Select(pair => HkexNews.Issuer(pair.code, pair.name))
            .ToList();
        announcement = Announcement.Create(
            HkexNews.Source,
            newsId,
            issuers,
            title,
            language,
            AnnouncementClassifier.Classify(title),
            HtmlText.ToPlain(row.LongText),
            HkexNews.DocumentUrl(row.FileLink),
            published);
        return null;
    }
}
