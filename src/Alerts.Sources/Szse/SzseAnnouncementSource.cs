using System.Globalization;
using System.Net.Http.Json;
using Alerts.Sources.Feeds;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Szse;

/// <summary>
/// Polls the SZSE listed-company announcement list for yesterday and today (Beijing dates), newest first. It is a POST with
/// a JSON body and wants the headers its own page sends (Referer, Origin, X-Requested-With, X-Request-Type).
/// </summary>
public sealed class SzseAnnouncementSource : IFeedSource
{
    public const string Kind = "szse-announcements";
    public const string Referer = "https://www.szse.cn/disclosure/listed/notice/index.html";

    public static readonly Uri DefaultUrl = new("https://www.szse.cn/api/disc/announcement/annList");

    private readonly HttpClient _http;
    private readonly FeedSourceOptions _options;
    private readonly TimeProvider _clock;

    public SzseAnnouncementSource(HttpClient http, FeedSourceOptions options, TimeProvider clock)
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
        var random = "0." + (_clock.GetUtcNow().ToUnixTimeMilliseconds() % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var url = FeedRequests.WithDefaultQuery(_options.Url ?? DefaultUrl, "random=" + random);
        var query = new SzseAnnouncementQuery
        {
            SeDate = [today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)],
        };
        var request = FeedRequests.Post(
            url, _options, Referer, JsonContent.Create(query, SzseJsonContext.Default.SzseAnnouncementQuery), "application/json, text/javascript, */*; q=0.01");
        request.Headers.TryAddWithoutValidation("X-Request-Type", "ajax");
        var (response, error) = await FeedHttp.SendAsync(_http, request, cancellationToken);
        return response is null ? FeedPoll.Failed(Name, error!) : FeedPoll.From(Name, SzseAnnouncementParser.Parse(response.Text()));
    }
}
