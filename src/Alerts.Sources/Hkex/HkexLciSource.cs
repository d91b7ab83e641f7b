using System.Text.Json;
using System.Text.RegularExpressions;
using Alerts.Sources.Feeds;

namespace Alerts.Sources.Hkex;

/// <summary>
/// Polls an HKEXnews LCI feed file (newest first), paging <c>…_1.json</c>, <c>…_2.json</c> … up to the file's
/// <c>maxNumOfFile</c> until it reaches what the last poll saw. The file name decides the language: <c>…relsde_1.json</c>
/// English, <c>…relsdc_1.json</c> Chinese; GEM feeds are the same with <c>lcigem1</c>.
/// </summary>
public sealed partial class HkexLciSource(HttpClient http, FeedSourceOptions options, TimeProvider? clock = null)
    : HttpFeedSource(http, options, clock ?? TimeProvider.System), IPagedFeedSource
{
    public const string Kind = "hkex-lci";

    public static readonly Uri EnglishUrl = new("https://www1.hkexnews.hk/ncms/json/eds/lcisehk1relsde_1.json");
    public static readonly Uri ChineseUrl = new("https://www1.hkexnews.hk/ncms/json/eds/lcisehk1relsdc_1.json");

    public override Task<FeedPoll> PollAsync(CancellationToken cancellationToken) => PollAsync(null, cancellationToken);

    public Task<FeedPoll> PollAsync(string? cursor, CancellationToken cancellationToken)
    {
        var url = Options.Url ?? EnglishUrl;
        var language = HkexLciParser.LanguageOf(url);
        var referer = "https://www1.hkexnews.hk/listedco/listconews/index/lci.html?lang=" + (language == HkexNews.English ? "en" : "zh");
        return PageAsync(
            cursor,
            page => FeedRequests.Get(PageUrl(url, page), Options, referer, "application/json, text/javascript, */*; q=0.01"),
            response => HkexLciParser.Parse(response.Text(), language),
            response => JsonDocument.Parse(response.Text()).RootElement.GetProperty("maxNumOfFile").GetInt32(),
            cancellationToken);
    }

    /// <summary>Page <paramref name="page"/> of a feed file: <c>…relsde_1.json</c> becomes <c>…relsde_{page}.json</c>.</summary>
    public static Uri PageUrl(Uri firstPage, int page)
    {
        ArgumentNullException.ThrowIfNull(firstPage);
        var builder = new UriBuilder(firstPage);
        builder.Path = PageNumber().Replace(builder.Path, "_" + page.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".json");
        return builder.Uri;
    }

    [GeneratedRegex(@"_\d+\.json$")]
    private static partial Regex PageNumber();
}
