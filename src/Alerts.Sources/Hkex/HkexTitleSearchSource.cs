using System.Globalization;
using System.Text.Json;
using System.Web;
using Alerts.Core.Model;
using Alerts.Sources.Feeds;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Hkex;

/// <summary>
/// Polls the HKEXnews title search servlet for all issuers over yesterday and today (HKT), newest first. The servlet pages by
/// growing <c>rowRange</c> (100, 200, …: each answer holds every row up to it), so a poll asks for more rows until it reaches
/// what the last poll saw, <c>recordCnt</c> is exhausted, or <see cref="FeedSourceOptions.MaxPages"/> (with a problem saying
/// so). The servlet is known to ignore malformed filters and answer with unfiltered rows, so rows outside the requested
/// window are dropped and reported.
/// </summary>
public sealed class HkexTitleSearchSource(HttpClient http, FeedSourceOptions options, TimeProvider clock)
    : HttpFeedSource(http, options, clock), IPagedFeedSource
{
    public const string Kind = "hkex-title-search";

    public static readonly Uri DefaultUrl = new("https://www1.hkexnews.hk/search/titleSearchServlet.do");

    public override Task<FeedPoll> PollAsync(CancellationToken cancellationToken) => PollAsync(null, cancellationToken);

    public Task<FeedPoll> PollAsync(string? cursor, CancellationToken cancellationToken)
    {
        var url = RequestUrl();
        var query = HttpUtility.ParseQueryString(url.Query);
        var language = (query["lang"] ?? "E").StartsWith("z", StringComparison.OrdinalIgnoreCase) ? HkexNews.TraditionalChinese : HkexNews.English;
        var rows = int.TryParse(query["rowRange"], NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > 0 ? r : 100;
        var referer = "https://www1.hkexnews.hk/search/titlesearch.xhtml?lang=" + (language == HkexNews.English ? "en" : "zh");
        return PageAsync(
            cursor,
            page => FeedRequests.Get(
                page == 1 ? url : FeedRequests.WithQueryValues(url, ("rowRange", (rows * page).ToString(CultureInfo.InvariantCulture))),
                Options, referer, "application/json, text/javascript, */*; q=0.01", ajax: true),
            response => KeepInsideWindow(HkexTitleSearchParser.Parse(response.Text(), language), query["fromDate"], query["toDate"]),
            response => PageCount(response, rows),
            cancellationToken);
    }

    /// <summary>How many growing pages cover <c>recordCnt</c>; null when the answer does not say.</summary>
    private static int? PageCount(FeedResponse response, int rows)
    {
        using var document = JsonDocument.Parse(response.Text());
        var root = document.RootElement;
        if (root.TryGetProperty("recordCnt", out var count) && count.TryGetInt32(out var records))
        {
            return Math.Max(1, (records + rows - 1) / rows);
        }

        return root.TryGetProperty("hasNextRow", out var more) && more.ValueKind == JsonValueKind.False ? 1 : null;
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
