using Alerts.Sources.Feeds;

namespace Alerts.Sources.Hkex;

/// <summary>
/// Polls page 1 of an HKEXnews LCI feed file (newest first). The file name decides the language: <c>…relsde_1.json</c>
/// English, <c>…relsdc_1.json</c> Chinese; GEM feeds are the same with <c>lcigem1</c>.
/// </summary>
public sealed class HkexLciSource(HttpClient http, FeedSourceOptions options, TimeProvider? clock = null)
    : HttpFeedSource(http, options, clock ?? TimeProvider.System)
{
    public const string Kind = "hkex-lci";

    public static readonly Uri EnglishUrl = new("https://www1.hkexnews.hk/ncms/json/eds/lcisehk1relsde_1.json");
    public static readonly Uri ChineseUrl = new("https://www1.hkexnews.hk/ncms/json/eds/lcisehk1relsdc_1.json");

    public override async Task<FeedPoll> PollAsync(CancellationToken cancellationToken)
    {
        var url = Options.Url ?? EnglishUrl;
        var language = HkexLciParser.LanguageOf(url);
        var referer = "https://www1.hkexnews.hk/listedco/listconews/index/lci.html?lang=" + (language == HkexNews.English ? "en" : "zh");
        var request = FeedRequests.Get(url, Options, referer, "application/json, text/javascript, */*; q=0.01");
        return await FetchAsync(request, response => HkexLciParser.Parse(response.Text(), language), cancellationToken);
    }
}
