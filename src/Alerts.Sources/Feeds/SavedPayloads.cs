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
/// poll without a declared charset; the quote vendors' GBK and EDGAR's declared XML encoding are decoded from bytes.
/// </summary>
public static class SavedPayloads
{
    /// <summary>The kinds a saved payload can be parsed for.</summary>
    public static IReadOnlyList<string> Kinds { get; } =
    [
        HkexLciSource.Kind, HkexTitleSearchSource.Kind, SseBulletinSource.Kind, SseIpoReviewSource.Kind, SzseAnnouncementSource.Kind,
        CninfoAnnouncementSource.Kind, CsrcTutoringSource.Kind, EdgarAtomSource.Kind, TencentQuoteSource.Kind, SinaQuoteSource.Kind,
        YahooChartSource.Kind,
    ];

    /// <summary>
    /// Parses <paramref name="body"/> as <paramref name="kind"/>; null when the kind has no saved-payload parser. The file name
    /// tells the HKEX language as the feed's own name does (<c>…relsdc_1.json</c> is Chinese).
    /// </summary>
    public static FeedPoll? Parse(string kind, string fileName, byte[] body)
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
                _ => null,
            };
        }
        catch (FeedEncodingException exception)
        {
            return FeedPoll.Failed(source, FeedError.Malformed($"{source}: {exception.Message}"));
        }
    }
}
