using System.Globalization;
using Alerts.Sources.Feeds;

namespace Alerts.Sources.Sse;

/// <summary>Polls the SSE STAR/main-board IPO review list, most recently updated projects first. Referer is mandatory.</summary>
public sealed class SseIpoReviewSource : IFeedSource
{
    public const string Kind = "sse-ipo";
    public const string Referer = "https://www.sse.com.cn/listing/renewal/ipo/";

    public static readonly Uri DefaultUrl = new("https://query.sse.com.cn/commonSoaQuery.do");

    private readonly HttpClient _http;
    private readonly FeedSourceOptions _options;
    private readonly TimeProvider _clock;

    public SseIpoReviewSource(HttpClient http, FeedSourceOptions options, TimeProvider clock)
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
        var stamp = _clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var url = FeedRequests.WithDefaultQuery(
            _options.Url ?? DefaultUrl,
            $"jsonCallBack=jsonpCallback{stamp}&sqlId=SH_XM_LB&issueMarketType=1,2&currStatus=&province=&csrcCode=&keyword="
            + "&auditApplyDateBegin=&auditApplyDateEnd=&order=updateDate%7Cdesc,stockAuditNum%7Cdesc&isPagination=true"
            + $"&pageHelp.cacheSize=1&pageHelp.beginPage=1&pageHelp.endPage=1&pageHelp.pageSize=50&pageHelp.pageNo=1&_={stamp}");
        var (response, error) = await FeedHttp.SendAsync(_http, FeedRequests.Get(url, _options, Referer), cancellationToken);
        return response is null ? FeedPoll.Failed(Name, error!) : FeedPoll.From(Name, SseIpoReviewParser.Parse(response.Text()));
    }
}
