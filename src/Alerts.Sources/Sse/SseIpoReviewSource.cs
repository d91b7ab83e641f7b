using System.Globalization;
using Alerts.Sources.Feeds;

namespace Alerts.Sources.Sse;

/// <summary>Polls the SSE STAR/main-board IPO review list, most recently updated projects first. Referer is mandatory.</summary>
public sealed class SseIpoReviewSource(HttpClient http, FeedSourceOptions options, TimeProvider clock)
    : HttpFeedSource(http, options, clock)
{
    public const string Kind = "sse-ipo";
    public const string Referer = "https://www.sse.com.cn/listing/renewal/ipo/";

    public static readonly Uri DefaultUrl = new("https://query.sse.com.cn/commonSoaQuery.do");

    public override async Task<FeedPoll> PollAsync(CancellationToken cancellationToken)
    {
        var stamp = Clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var url = FeedRequests.WithDefaultQuery(
            Options.Url ?? DefaultUrl,
            $"jsonCallBack=jsonpCallback{stamp}&sqlId=SH_XM_LB&issueMarketType=1,2&currStatus=&province=&csrcCode=&keyword="
            + "&auditApplyDateBegin=&auditApplyDateEnd=&order=updateDate%7Cdesc,stockAuditNum%7Cdesc&isPagination=true"
            + $"&pageHelp.cacheSize=1&pageHelp.beginPage=1&pageHelp.endPage=1&pageHelp.pageSize=50&pageHelp.pageNo=1&_={stamp}");
        return await FetchAsync(FeedRequests.Get(url, Options, Referer), response => SseIpoReviewParser.Parse(response.Text()), cancellationToken);
    }
}
