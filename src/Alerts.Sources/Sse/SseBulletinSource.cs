using System.Globalization;
using Alerts.Sources.Feeds;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Sse;

/// <summary>
/// Polls SSE company bulletins for yesterday and today (Beijing dates), newest page only. SSE rejects requests without
/// its own Referer (an "ExceptionInterceptor" answer or total 0), so the Referer is always sent.
/// </summary>
public sealed class SseBulletinSource(HttpClient http, FeedSourceOptions options, TimeProvider clock)
    : HttpFeedSource(http, options, clock), IPagedFeedSource
{
    public const string Kind = "sse-bulletins";
    public const string Referer = "https://www.sse.com.cn/";

    public static readonly Uri DefaultUrl = new("https://query.sse.com.cn/security/stock/queryCompanyBulletinNew.do");

    public override Task<FeedPoll> PollAsync(CancellationToken cancellationToken) => PollAsync(null, cancellationToken);

    /// <summary>Pages newest first (<c>pageHelp.pageCount</c> pages of 25) until it reaches what the last poll saw.</summary>
    public Task<FeedPoll> PollAsync(string? cursor, CancellationToken cancellationToken)
    {
        var (from, to) = ChinaTime.YesterdayAndToday(Clock, "yyyy-MM-dd");
        var stamp = Clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        // beginPage and endPage must equal pageNo, or SSE keeps answering with page 1.
        Uri Page(int page) => FeedRequests.WithDefaultQuery(
            Options.Url ?? DefaultUrl,
            $"jsonCallBack=jsonpCallback{stamp}&isPagination=true&pageHelp.pageSize=25&pageHelp.cacheSize=1"
            + $"&START_DATE={from}&END_DATE={to}&SECURITY_CODE=&TITLE=&BULLETIN_TYPE=&stockType="
            + $"&pageHelp.pageNo={page}&pageHelp.beginPage={page}&pageHelp.endPage={page}&_={stamp}");
        return PageAsync(
            cursor,
            page => FeedRequests.Get(Page(page), Options, Referer),
            response => SseBulletinParser.Parse(response.Text()),
            response => SseResponse.PageCount(response.Text()),
            cancellationToken);
    }
}
