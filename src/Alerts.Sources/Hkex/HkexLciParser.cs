using System.Globalization;
using Alerts.Core.Model;
using Alerts.Sources.Categories;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Hkex;

/// <summary>
/// Parses a page of the HKEXnews "Latest Listed Company Information" JSON feed. The English and Chinese feeds carry the
/// same newsId for the same document, so both produce the same <see cref="Announcement.Id"/> and dedupe downstream.
/// </summary>
public static class HkexLciParser
{
    public static ParseResult<Announcement> Parse(string json, string language)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(language);
        return JsonRows.ReadField(
            json, "HKEX LCI feed", "newsInfoLst", countField: null, HkexJsonContext.Default.HkexLciRow,
            (HkexLciRow row, out Announcement? announcement) => TryMap(row, language, out announcement));
    }

    /// <summary>The language of a feed file: <c>…relsdc_N.json</c> is Traditional Chinese, <c>…relsde_N.json</c> English.</summary>
    public static string LanguageOf(Uri feedUrl)
    {
        ArgumentNullException.ThrowIfNull(feedUrl);
        var file = feedUrl.Segments[^1];
        return file.Contains("relsdc", StringComparison.OrdinalIgnoreCase) ? HkexNews.TraditionalChinese : HkexNews.English;
    }

    private static string? TryMap(HkexLciRow row, string language, out Announcement? announcement)
    {
        announcement = null;
        if (row.NewsId is not > 0)
        {
            return "missing newsId";
        }

        var title = HtmlText.ToPlain(row.Title);
        if (title.Length == 0)
        {
            return $"newsId {row.NewsId}: missing title";
        }

        if (!HkexNews.TryParseTime(row.RelTime, out var published))
        {
            return $"newsId {row.NewsId}: relTime '{row.RelTime}' is not {HkexNews.TimeFormat}";
        }

        var issuers = (row.Stock ?? [])
            .Where(stock => !string.IsNullOrWhiteSpace(stock.Code))
            .Select(stock => HkexNews.Issuer(stock.Code!, stock.Name))
            .ToList();
        var sourceId = row.NewsId.Value.ToString(CultureInfo.InvariantCulture);
        announcement = Announcement.Create(
            HkexNews.Source,
            sourceId,
            issuers,
            title,
            language,
            AnnouncementClassifier.Classify(title, HkexHeadlineCodes.Of(row.T1Code, row.T2Code)),
            HtmlText.ToPlain(row.LongText),
            HkexNews.DocumentUrl(row.WebPath),
            published);
        return null;
    }
}
