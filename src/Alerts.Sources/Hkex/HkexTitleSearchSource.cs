using System.Web;
using Alerts.Core.Model;
using Alerts.Sources.Feeds;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Hkex;

/// <summary>
/// Polls the HKEXnews title search servlet for all issuers over yesterday and today (HKT). The servlet is known to ignore
/// malformed filters and answer with unfiltered rows, so rows outside the requested window are dropped and reported.
/// </summary>
public sealed class HkexTitleSearchSource(HttpClient http, FeedSourceOptions options, TimeProvider clock)
    : HttpFeedSource(http, options, clock)
{
    public const string Kind = "hkex-title-search";

    public static readonly Uri DefaultUrl = new("https://www1.hkexnews.hk/search/titleSearchServlet.do");

    public override async Task<FeedPoll> PollAsync(CancellationToken cancellationToken)
    {
        var url = RequestUrl();
        var query = HttpUtility.ParseQueryString(url.Query);
        var language = (query["lang"] ?? "E").StartsWith("z", StringComparison.OrdinalIgnoreCase) ? HkexNews.TraditionalChinese : HkexNews.English;
        var request = FeedRequests.Get(
            url, Options, "https://www1.hkexnews.hk/search/titlesearch.xhtml?lang=" + (language == HkexNews.English ? "en" : "zh"),
            "application/json, text/javascript, */*; q=0.01", ajax: true);
        return await FetchAsync(
            request,
            response => KeepInsideWindow(HkexTitleSearchParser.Parse(response.Text(), language), query["fromDate"], query["toDate"]),
            cancellationToken);
    }

    private Uri RequestUrl()
    {
        var (from, to) = ChinaTime.YesterdayAndToday(Clock, "yyyyMMdd");
        return FeedRequests.WithDefaultQuery(
            Options.Url ?? DefaultUrl,
            $"sortDir=0&sortByOptions=DateTime&category=0&market=SEHK&stockId=-1&documentType=-1&fromDate={from}&toDate={to}"
            + "&title=&searchType=0&t1code=-2&t2Gcode=-2&t2code=-2&rowRange=100&lang=E");
    }

    private static ParseResult<Announcement> KeepInsideWindow(ParseResult<Announcement> parsed, string? fromDate, string? toDate)
    {
        if (parsed.IsMalformed
            || !ChinaTime.TryParse(fromDate, "yyyyMMdd", out var from)
            || !ChinaTime.TryParse(toDate, "yyyyMMdd", out var to))
        {
            return parsed;
        }

        var end = to.AddDays(1);
        var inside = parsed.Items.Where(a => a.PublishedAt >= from && a.PublishedAt < end).ToList();
        var outside = parsed.Items
            .Where(a => a.PublishedAt < from || a.PublishedAt >= end)
            .Select(a => new FeedProblem(
                "NEWS_ID " + a.SourceId,
                $"dated {a.PublishedAt:yyyy-MM-dd HH:mm}, outside the requested {fromDate}–{toDate}: the servlet ignored the filter; dropped"));
        return parsed with { Items = inside, Problems = [.. parsed.Problems, .. outside] };
    }
}
