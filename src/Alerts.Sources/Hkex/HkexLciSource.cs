using System.Text.Json;
using System.Text.RegularExpressions;
using Alerts.Core.Model;
using Alerts.Sources.Feeds;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Hkex;

/// <summary>
/// Polls an HKEXnews LCI feed (newest first) in both languages: the configured file (<c>…relsde_1.json</c> English or
/// <c>…relsdc_1.json</c> Chinese; GEM is <c>lcigem1…</c>) and its twin in the other language, each paged <c>…_1.json</c>,
/// <c>…_2.json</c> … up to its <c>maxNumOfFile</c> until it reaches what the last poll saw, then merges the two versions of
/// each document into one announcement (<see cref="HkexLanguagePairs"/>). One language failing still yields the other's
/// documents, with a problem naming the failure; only both failing fails the poll. A file whose name says no language is
/// read alone, as English.
/// </summary>
public sealed partial class HkexLciSource(HttpClient http, FeedSourceOptions options, TimeProvider? clock = null)
    : HttpFeedSource(http, options, clock ?? TimeProvider.System), IPagedFeedSource
{
    public const string Kind = "hkex-lci";

    public static readonly Uri EnglishUrl = new("https://www1.hkexnews.hk/ncms/json/eds/lcisehk1relsde_1.json");
    public static readonly Uri ChineseUrl = new("https://www1.hkexnews.hk/ncms/json/eds/lcisehk1relsdc_1.json");
    public static readonly Uri GemEnglishUrl = new("https://www1.hkexnews.hk/ncms/json/eds/lcigem1relsde_1.json");

    public override Task<FeedPoll> PollAsync(CancellationToken cancellationToken) => PollAsync(null, cancellationToken);

    public async Task<FeedPoll> PollAsync(string? cursor, CancellationToken cancellationToken)
    {
        var configured = Options.Url ?? EnglishUrl;
        if (HkexLciParser.OtherLanguageOf(configured) is not { } twin)
        {
            return await ReadAsync(configured, HkexNews.English, cursor, cancellationToken);
        }

        var english = HkexLciParser.LanguageOf(configured) == HkexNews.English ? configured : twin;
        var chinese = english == configured ? twin : configured;
        var englishPoll = await ReadAsync(english, HkexNews.English, cursor, cancellationToken);
        var chinesePoll = await ReadAsync(chinese, HkexNews.TraditionalChinese, cursor, cancellationToken);
        if (!englishPoll.Succeeded && !chinesePoll.Succeeded)
        {
            return englishPoll;
        }

        var merged = FeedPoll.From(Name, HkexLanguagePairs.Merge(Parsed(englishPoll), Parsed(chinesePoll)));
        // A language that read some pages but not back to the cursor keeps the old cursor, so the next poll rereads the gap.
        var cursorNext = LeftGap(englishPoll) || LeftGap(chinesePoll) ? null : englishPoll.Succeeded ? englishPoll.Cursor : chinesePoll.Cursor;
        return merged with { Cursor = cursorNext };
    }

    private static bool LeftGap(FeedPoll poll) => poll.Succeeded && poll.Events.Count > 0 && poll.Cursor is null;

    /// <summary>Page <paramref name="page"/> of a feed file: <c>…relsde_1.json</c> becomes <c>…relsde_{page}.json</c>.</summary>
    public static Uri PageUrl(Uri firstPage, int page)
    {
        ArgumentNullException.ThrowIfNull(firstPage);
        var builder = new UriBuilder(firstPage);
        builder.Path = PageNumber().Replace(builder.Path, "_" + page.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".json");
        return builder.Uri;
    }

    /// <summary>One language's file, paged back to the cursor.</summary>
    private Task<FeedPoll> ReadAsync(Uri url, string language, string? cursor, CancellationToken cancellationToken)
    {
        var referer = "https://www1.hkexnews.hk/listedco/listconews/index/lci.html?lang=" + (language == HkexNews.English ? "en" : "zh");
        return PageAsync(
            cursor,
            page => FeedRequests.Get(PageUrl(url, page), Options, referer, "application/json, text/javascript, */*; q=0.01"),
            response => HkexLciParser.Parse(response.Text(), language),
            response => JsonDocument.Parse(response.Text()).RootElement.GetProperty("maxNumOfFile").GetInt32(),
            cancellationToken);
    }

    private static ParseResult<Announcement> Parsed(FeedPoll poll) =>
        poll.Succeeded
            ? new ParseResult<Announcement>([.. poll.Events.Select(e => e.Announcement).OfType<Announcement>()], poll.Problems)
            : ParseResult<Announcement>.Malformed("not read: " + poll.Error);

    [GeneratedRegex(@"_\d+\.json$")]
    private static partial Regex PageNumber();
}
