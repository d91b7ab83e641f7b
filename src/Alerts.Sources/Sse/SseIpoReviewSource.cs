using System.Globalization;
using Alerts.Sources.Feeds;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Sse;

/// <summary>
/// Polls the SSE STAR/main-board IPO review list, most recently updated projects first, paging (<c>pageHelp.pageCount</c>
/// pages of 50) until it reaches what the last poll saw, so a burst of status changes between two polls is not lost.
/// Referer is mandatory.
/// </summary>
public sealed class SseIpoReviewSource(HttpClient http, FeedSourceOptions options, TimeProvider clock)
    : HttpFeedSource(http, options, clock), IPagedFeedSource
{
    public const string Kind = "sse-ipo";
    public const string Referer = "https://www.sse.com.cn/listing/renewal/ipo/";

    public static readonly Uri DefaultUrl = new("https://query.sse.com.cn/commonSoaQuery.do");

    public override Task<FeedPoll> PollAsync(CancellationToken cancellationToken) => PollAsync(null, cancellationToken);

    public Task<FeedPoll> PollAsync(string? cursor, CancellationToken cancellationToken)
    {
        var stamp = Clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var first = FeedRequests.WithDefaultQuery(
            Options.Url ?? DefaultUrl,
            $"jsonCallBack=jsonpCallback{stamp}&sqlId=SH_XM_LB&issueMarketType=1,2&currStatus=&province=&csrcCode=&keyword="
            + "&auditApplyDateBegin=&auditApplyDateEnd=&order=updateDate%7Cdesc,stockAuditNum%7Cdesc&isPagination=true"
            + $"&pageHelp.cacheSize=1&pageHelp.beginPage=1&pageHelp.endPage=1&pageHelp.pageSize=50&pageHelp.pageNo=1&_={stamp}");
        // beginPage and endPage must equal pageNo, or SSE keeps answering with page 1. A configured query is page 1 as written.
        Uri Page(int page)
        {
            if (page == 1)
            {
                return first;
            }

            var number = page.ToString(CultureInfo.InvariantCulture);
            return FeedRequests.WithQueryValues(first, ("pageHelp.pageNo", number), ("pageHelp.beginPage", number), ("pageHelp.endPage", number));
        }

        return PageAsync(
            cursor,
            page => FeedRequests.Get(Page(page), Options, Referer),
            response => SseIpoReviewParser.Parse(response.Text()),
            response => SseResponse.PageCount(response.Text()),
            cancellationToken);
    }
}
