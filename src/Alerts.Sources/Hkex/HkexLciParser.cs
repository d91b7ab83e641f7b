using Alerts.Core.Model;
using Alerts.Sources.Categories;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Hkex;

/// <summary>
/// Parses a page of the HKEXnews "Latest Listed Company Information" JSON feed. The English and Chinese feeds list each
/// document under its own newsId, so the event id is not the newsId but what both versions share (see
/// <see cref="HkexDocumentKey"/>): the two languages of one announcement get one id, and <see cref="HkexLanguagePairs"/>
/// merges them into one announcement carrying both titles.
/// </summary>
public static class HkexLciParser
{
    public static ParseResult<Announcement> Parse(string json, string language)
    {
        var documents = ParseDocuments(json, language);
        return new ParseResult<Announcement>(
            HkexDocumentKey.Number([.. documents.Items.Select(d => d.Unnumbered)], [.. documents.Items.Select(d => d.NewsId)]),
            documents.Problems,
            documents.Error);
    }

    /// <summary>
    /// A page's documents before their ordinals are known (see <see cref="HkexDocumentKey.Number"/>): the source numbers the
    /// documents of all the pages it read together, so a same-minute group split over two pages keeps its ids.
    /// </summary>
    internal static ParseResult<HkexLciDocument> ParseDocuments(string json, string language)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(language);
        var newsIds = new List<long>();
        var parsed = JsonRows.ReadField(
            json, "HKEX LCI feed", "newsInfoLst", countField: null, HkexJsonContext.Default.HkexLciRow,
            (HkexLciRow row, out Announcement? announcement) =>
            {
                var problem = TryMap(row, language, out announcement);
                if (problem is null)
                {
                    newsIds.Add(row.NewsId!.Value);
                }

                return problem;
            });
        return new ParseResult<HkexLciDocument>([.. parsed.Items.Select((a, i) => new HkexLciDocument(a, newsIds[i]))], parsed.Problems, parsed.Error);
    }

    /// <summary>The language of a feed file: <c>…relsdc_N.json</c> is Traditional Chinese, <c>…relsde_N.json</c> English.</summary>
    public static string LanguageOf(Uri feedUrl)
    {
        ArgumentNullException.ThrowIfNull(feedUrl);
        var file = feedUrl.Segments[^1];
        return file.Contains("relsdc", StringComparison.OrdinalIgnoreCase) ? HkexNews.TraditionalChinese : HkexNews.English;
    }

    /// <summary>The same feed file in the other language (<c>…relsde_1.json</c> ↔ <c>…relsdc_1.json</c>); null when the name says no language.</summary>
    public static Uri? OtherLanguageOf(Uri feedUrl)
    {
        ArgumentNullException.ThrowIfNull(feedUrl);
        var builder = new UriBuilder(feedUrl);
        var slash = builder.Path.LastIndexOf('/') + 1;
        var file = builder.Path[slash..];
        string swapped;
        if (file.Contains("relsdc", StringComparison.OrdinalIgnoreCase))
        {
            swapped = file.Replace("relsdc", "relsde", StringComparison.OrdinalIgnoreCase);
        }
        else if (file.Contains("relsde", StringComparison.OrdinalIgnoreCase))
        {
            swapped = file.Replace("relsde", "relsdc", StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            return null;
        }

        builder.Path = builder.Path[..slash] + swapped;
        return builder.Uri;
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
        var codes = HkexHeadlineCodes.Of(row.T1Code, row.T2Code);
        announcement = Announcement.Create(
            HkexNews.Source,
            HkexDocumentKey.Of(published, issuers, codes),
            issuers,
            title,
            language,
            AnnouncementClassifier.Classify(title, [.. codes, .. HkexHeadlineCodes.Names(row.LongText)]),
            HtmlText.ToPlain(row.LongText),
            HkexNews.DocumentUrl(row.WebPath),
            published);
        return null;
    }
}

/// <summary>One LCI row: the announcement under its shared key without the ordinal, and the row's own newsId.</summary>
internal sealed record HkexLciDocument(Announcement Unnumbered, long NewsId);
