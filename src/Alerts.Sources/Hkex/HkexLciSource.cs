using Alerts.Core.Model;
using Alerts.Sources.Feeds;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Hkex;

/// <summary>
/// Polls page 1 of an HKEXnews LCI feed (newest first) in both languages: the configured file (<c>…relsde_1.json</c> English
/// or <c>…relsdc_1.json</c> Chinese; GEM is <c>lcigem1…</c>) and its twin in the other language, then merges the two
/// versions of each document into one announcement (<see cref="HkexLanguagePairs"/>). One language failing still yields the
/// other's documents, with a problem naming the failure; only both failing fails the poll.
/// </summary>
public sealed class HkexLciSource(HttpClient http, FeedSourceOptions options, TimeProvider? clock = null)
    : HttpFeedSource(http, options, clock ?? TimeProvider.System)
{
    public const string Kind = "hkex-lci";

    public static readonly Uri EnglishUrl = new("https://www1.hkexnews.hk/ncms/json/eds/lcisehk1relsde_1.json");
    public static readonly Uri ChineseUrl = new("https://www1.hkexnews.hk/ncms/json/eds/lcisehk1relsdc_1.json");
    public static readonly Uri GemEnglishUrl = new("https://www1.hkexnews.hk/ncms/json/eds/lcigem1relsde_1.json");

    public override async Task<FeedPoll> PollAsync(CancellationToken cancellationToken)
    {
        var configured = Options.Url ?? EnglishUrl;
        if (HkexLciParser.OtherLanguageOf(configured) is not { } twin)
        {
            // A file whose name says no language (a mirror, a test) is read alone, as English.
            var (page, error) = await ReadAsync(configured, HkexNews.English, cancellationToken);
            return page is null ? FeedPoll.Failed(Name, error!) : FeedPoll.From(Name, page);
        }

        var english = HkexLciParser.LanguageOf(configured) == HkexNews.English ? configured : twin;
        var chinese = english == configured ? twin : configured;
        var (englishPage, englishError) = await ReadAsync(english, HkexNews.English, cancellationToken);
        var (chinesePage, chineseError) = await ReadAsync(chinese, HkexNews.TraditionalChinese, cancellationToken);
        if (englishPage is null && chinesePage is null)
        {
            return FeedPoll.Failed(Name, englishError!);
        }

        var merged = HkexLanguagePairs.Merge(
            englishPage ?? ParseResult<Announcement>.Malformed("not read: " + englishError),
            chinesePage ?? ParseResult<Announcement>.Malformed("not read: " + chineseError));
        return FeedPoll.From(Name, merged);
    }

    /// <summary>One language's file: its parsed page, or why it could not be fetched.</summary>
    private async Task<(ParseResult<Announcement>? Page, FeedError? Error)> ReadAsync(Uri url, string language, CancellationToken cancellationToken)
    {
        var referer = "https://www1.hkexnews.hk/listedco/listconews/index/lci.html?lang=" + (language == HkexNews.English ? "en" : "zh");
        var request = FeedRequests.Get(url, Options, referer, "application/json, text/javascript, */*; q=0.01");
        var (response, error) = await SendAsync(request, cancellationToken);
        return response is null ? (null, error) : (HkexLciParser.Parse(response.Text(), language), null);
    }
}
