using System.Globalization;
using System.Net.Http.Headers;
using Alerts.Sources.Feeds;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Cninfo;

/// <summary>
/// Polls CNINFO's full-text announcement search (Shanghai, Shenzhen and Beijing) for yesterday and today. A form POST;
/// without its Referer and Origin CNINFO answers with a silently empty result rather than an error.
/// </summary>
public sealed class CninfoAnnouncementSource : IFeedSource
{
    public const string Kind = "cninfo-announcements";
    public const string Referer = "http://www.cninfo.com.cn/";

    public static readonly Uri DefaultUrl = new("http://www.cninfo.com.cn/new/hisAnnouncement/query");

    private readonly HttpClient _http;
    private readonly FeedSourceOptions _options;
    private readonly TimeProvider _clock;

    public CninfoAnnouncementSource(HttpClient http, FeedSourceOptions options, TimeProvider clock)
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
        var window = today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "~" + today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
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
            ["seDate"] = window,
            ["sortName"] = string.Empty,
            ["sortType"] = string.Empty,
            ["isHLtitle"] = "true",
        });
        form.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") { CharSet = "UTF-8" };
        var request = FeedRequests.Post(_options.Url ?? DefaultUrl, _options, Referer, form, "application/json, text/javascript, */*; q=0.01");
        var (response, error) = await FeedHttp.SendAsync(_http, request, cancellationToken);
        return response is null ? FeedPoll.Failed(Name, error!) : FeedPoll.From(Name, CninfoAnnouncementParser.Parse(response.Text()));
    }
}
