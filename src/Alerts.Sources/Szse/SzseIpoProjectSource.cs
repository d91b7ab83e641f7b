using System.Globalization;
using Alerts.Sources.Feeds;

namespace Alerts.Sources.Szse;

/// <summary>Polls the SZSE IPO project list (most recently updated first, 100 a page: the endpoint's cap), as the site's page does.</summary>
public sealed class SzseIpoProjectSource(HttpClient http, FeedSourceOptions options, TimeProvider clock)
    : HttpFeedSource(http, options, clock)
{
    public const string Kind = "szse-ipo";
    public const string Referer = "https://www.szse.cn/listing/projectdynamic/ipo/index.html";

    public static readonly Uri DefaultUrl = new("https://www.szse.cn/api/ras/projectrends/query");

    public override async Task<FeedPoll> PollAsync(CancellationToken cancellationToken)
    {
        var random = (Clock.GetUtcNow().ToUnixTimeMilliseconds() % 1_000_000 / 1_000_000.0).ToString("0.000000", CultureInfo.InvariantCulture);
        var url = FeedRequests.WithDefaultQuery(Options.Url ?? DefaultUrl, $"bizType=1&pageIndex=0&pageSize=100&random={random}");
        var request = FeedRequests.Get(url, Options, Referer, "application/json, text/javascript, */*; q=0.01", ajax: true);
        return await FetchAsync(request, response => SzseIpoProjectParser.Parse(response.Text()), cancellationToken);
    }
}
