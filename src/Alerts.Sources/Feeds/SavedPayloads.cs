using Alerts.Sources.Cninfo;
using Alerts.Sources.Csrc;
using Alerts.Sources.Edgar;
using Alerts.Sources.Hkex;
using Alerts.Sources.Sina;
using Alerts.Sources.Sse;
using Alerts.Sources.Szse;
using Alerts.Sources.Tencent;
using Alerts.Sources.Yahoo;

namespace Alerts.Sources.Feeds;

/// <summary>
/// A payload saved from a source (a browser's "save as", <c>curl -o</c>), read by that kind's production parser exactly as a
/// poll would read it: for operators debugging a feed (<c>alerts sources parse</c>). Text payloads are strict UTF-8, as a
/// poll without a declared charset; the quote vendors' GBK and EDGAR's declared XML encoding are decoded from bytes. Nothing is
/// left out as old (a poll's look-back does not apply); the HKEX pipeline's status lists are dated when they are read.
/// </summary>
public static class SavedPayloads
{
    /// <summary>The kinds a saved payload can be parsed for.</summary>
    public static IReadOnlyList<string> Kinds { get; } =
    [
        HkexLciSource.Kind, HkexTitleSearchSource.Kind, SseBulletinSource.Kind, SseIpoReviewSource.Kind, SzseAnnouncementSource.Kind,
        CninfoAnnouncementSource.Kind, CsrcTutoringSource.Kind, EdgarAtomSource.Kind, TencentQuoteSource.Kind, SinaQuoteSource.Kind,
        YahooChartSource.Kind, HkexAppSource.Kind, SzseIpoProjectSource.Kind, EdgarSubmissionsSource.Kind,
    ];

    /// <summary>
    /// Parses <paramref name="body"/> as <paramref name="kind"/>; null when the kind has no saved-payload parser. The file name
    /// tells the HKEX language as the feed's own name does (<c>…relsdc_1.json</c> is Chinese), and which HKEX pipeline list it
    /// is (<c>appinactive_…</c>, <c>applisted_…</c>; any other name is a document list).
    /// </summary>
    public static FeedPoll? Parse(string kind, string fileName, byte[] body, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(body);
        var source = kind + " " + Path.GetFileName(fileName);
        var response = new FeedResponse(body, null);
        var language = HkexLciParser.LanguageOf(new Uri("file:///" + Uri.EscapeDataString(Path.GetFileName(fileName))));
        try
        {
            return kind.ToLowerInvariant() switch
            {
                HkexLciSource.Kind => FeedPoll.From(source, HkexLciParser.Parse(response.Text(), language)),
                HkexTitleSearchSource.Kind => FeedPoll.From(source, HkexTitleSearchParser.Parse(response.Text(), language)),
                SseBulletinSource.Kind => FeedPoll.From(source, SseBulletinParser.Parse(response.Text())),
                SseIpoReviewSource.Kind => FeedPoll.From(source, SseIpoReviewParser.Parse(response.Text())),
                SzseAnnouncementSource.Kind => FeedPoll.From(source, SzseAnnouncementParser.Parse(response.Text())),
                CninfoAnnouncementSource.Kind => FeedPoll.From(source, CninfoAnnouncementParser.Parse(response.Text())),
                CsrcTutoringSource.Kind => FeedPoll.From(source, CsrcTutoringParser.Parse(response.Text())),
                EdgarAtomSource.Kind => FeedPoll.From(source, EdgarAtomParser.Parse(body)),
                TencentQuoteSource.Kind => FeedPoll.From(source, TencentQuoteParser.Parse(body)),
                SinaQuoteSource.Kind => FeedPoll.From(source, SinaQuoteParser.Parse(body)),
                YahooChartSource.Kind => FeedPoll.From(source, YahooChartParser.Parse(response.Text())),
                HkexAppSource.Kind => FeedPoll.From(source, HkexApp(Path.GetFileName(fileName), response.Text(), (clock ?? TimeProvider.System).GetUtcNow())),
                SzseIpoProjectSource.Kind => FeedPoll.From(source, SzseIpoProjectParser.Parse(response.Text())),
                EdgarSubmissionsSource.Kind => FeedPoll.From(source, EdgarSubmissionsParser.Parse(response.Text(), DateTimeOffset.MinValue)),
                _ => null,
            };
        }
        catch (FeedEncodingException exception)
        {
            return FeedPoll.Failed(source, FeedError.Malformed($"{source}: {exception.Message}"));
        }
    }

    private static Parsing.ParseResult<Core.Model.Announcement> HkexApp(string fileName, string json, DateTimeOffset now) =>
        fileName.StartsWith("appinactive_", StringComparison.OrdinalIgnoreCase) ? HkexAppParser.ParseStatuses(json, null, now)
        : fileName.StartsWith("applisted_", StringComparison.OrdinalIgnoreCase) ? HkexAppParser.ParseStatuses(json, "LISTED", now)
        : HkexAppParser.ParseDocuments(json, DateTimeOffset.MinValue);
}
