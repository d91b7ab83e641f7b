using System.Net.Http.Headers;
using Alerts.Sources.Feeds;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Cninfo;

/// <summary>
/// Polls CNINFO's full-text announcement search (Shanghai, Shenzhen and Beijing) for yesterday and today. A form POST;
/// without its Referer and Origin CNINFO answers with a silently empty result rather than an error.
/// </summary>
public sealed class CninfoAnnouncementSource(HttpClient http, FeedSourceOptions options, TimeProvider clock)
    : HttpFeedSource(http, options, clock), IPagedFeedSource
{
    public const string Kind = "cninfo-announcements";
    public const string Referer = "http://www.cninfo.com.cn/";

    public static readonly Uri DefaultUrl = new("http://www.cninfo.com.cn/new/hisAnnouncement/query");

    public override Task<FeedPoll> PollAsync(CancellationToken cancellationToken) => PollAsync(null, cancellationToken);

    /// <summary>Pages newest first (<c>totalpages</c> pages of 30) until it reaches what the last poll saw.</summary>
    public Task<FeedPoll> PollAsync(string? cursor, CancellationToken cancellationToken)
    {
        var (from, to) = ChinaTime.YesterdayAndToday(Clock, "yyyy-MM-dd");
        return PageAsync(
            cursor,
            page => Request(page, from, to),
            response => CninfoAnnouncementParser.Parse(response.Text()),
            response => System.Text.Json.JsonDocument.Parse(response.Text()).RootElement.GetProperty("totalpages").GetInt32(),
            cancellationToken);
    }

    private HttpRequestMessage Request(int page, string from, string to)
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["pageNum"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["pageSize"] = "30", // CNINFO clamps larger pages to 30 anyway
            ["column"] = "szse",
            ["tabName"] = "fulltext",
            ["plate"] = string.Empty,
            ["stock"] = string.Empty,
            ["searchkey"] = string.Empty,
            ["secid"] = string.Empty,
            ["category"] = string.Empty,
            ["trade"] = string.Empty,
            ["seDate"] = from + "~" + to,
            ["sortName"] = string.Empty,
            ["sortType"] = string.Empty,
            ["isHLtitle"] = "true",
        });
        form.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") { CharSet = "UTF-8" };
        return FeedRequests.Post(Options.Url ?? DefaultUrl, Options, Referer, form, "application/json, text/javascript, */*; q=0.01");
    }
}
