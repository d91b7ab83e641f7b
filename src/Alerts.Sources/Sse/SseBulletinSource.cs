using System.Globalization;
using Alerts.Sources.Feeds;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Sse;

/// <summary>
/// Polls SSE company bulletins for yesterday and today (Beijing dates), newest page only. SSE rejects requests without
/// its own Referer (an "ExceptionInterceptor" answer or total 0), so the Referer is always sent.
/// </summary>
public sealed class SseBulletinSource : IFeedSource
{
    public const string Kind = "sse-bulletins";
    public const string Referer = "https://www.sse.com.cn/";

    public static readonly Uri DefaultUrl = new("https://query.sse.com.cn/security/stock/queryCompanyBulletinNew.do");

    private readonly HttpClient _http;
    private readonly FeedSourceOptions _options;
    private readonly TimeProvider _clock;

    public SseBulletinSource(HttpClient http, FeedSourceOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        _http = http;
        _options = options;
        _clock = clock;
    }

    public string Name => _options.Name;

    public async Task<FeedPoll> PollAsync(CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(_clock);
        var stamp = _clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var from = today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        // beginPage and endPage must equal pageNo, or SSE keeps answering with page 1.
        var url = FeedRequests.WithDefaultQuery(
            _options.Url ?? DefaultUrl,
            $"jsonCallBack=jsonpCallback{stamp}&isPagination=true&pageHelp.pageSize=25&pageHelp.cacheSize=1"
            + $"&START_DATE={from}&END_DATE={to}&SECURITY_CODE=&TITLE=&BULLETIN_TYPE=&stockType="
            + $"&pageHelp.pageNo=1&pageHelp.beginPage=1&pageHelp.endPage=1&_={stamp}");
        var (response, error) = await FeedHttp.SendAsync(_http, FeedRequests.Get(url, _options, Referer), cancellationToken);
        return response is null ? FeedPoll.Failed(Name, error!) : FeedPoll.From(Name, SseBulletinParser.Parse(response.Text()));
    }
}
