using System.Net.Http.Headers;
using Alerts.Sources.Feeds;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Cninfo;

/// <summary>
/// Polls CNINFO's full-text announcement search (Shanghai, Shenzhen and Beijing) for yesterday and today. A form POST;
/// without its Referer and Origin CNINFO answers with a silently empty result rather than an error.
/// </summary>
public sealed class CninfoAnnouncementSource(HttpClient http, FeedSourceOptions options, TimeProvider clock)
    : HttpFeedSource(http, options, clock)
{
    public const string Kind = "cninfo-announcements";
    public const string Referer = "http://www.cninfo.com.cn/";

    public static readonly Uri DefaultUrl = new("http://www.cninfo.com.cn/new/hisAnnouncement/query");

    public override async Task<FeedPoll> PollAsync(CancellationToken cancellationToken)
    {
        var (from, to) = ChinaTime.YesterdayAndToday(Clock, "yyyy-MM-dd");
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["pageNum"] = "1",
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
        var request = FeedRequests.Post(Options.Url ?? DefaultUrl, Options, Referer, form, "application/json, text/javascript, */*; q=0.01");
        return await FetchAsync(request, response => CninfoAnnouncementParser.Parse(response.Text()), cancellationToken);
    }
}
