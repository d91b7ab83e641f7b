using System.Globalization;
using System.Net.Http.Json;
using Alerts.Sources.Feeds;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Szse;

/// <summary>
/// Polls the SZSE listed-company announcement list for yesterday and today (Beijing dates), newest first. It is a POST with
/// a JSON body and wants the headers its own page sends (Referer, Origin, X-Requested-With, X-Request-Type).
/// </summary>
public sealed class SzseAnnouncementSource(HttpClient http, FeedSourceOptions options, TimeProvider clock)
    : HttpFeedSource(http, options, clock), IPagedFeedSource
{
    public const string Kind = "szse-announcements";
    public const string Referer = "https://www.szse.cn/disclosure/listed/notice/index.html";

    public static readonly Uri DefaultUrl = new("https://www.szse.cn/api/disc/announcement/annList");

    public override Task<FeedPoll> PollAsync(CancellationToken cancellationToken) => PollAsync(null, cancellationToken);

    /// <summary>Pages newest first (<c>announceCount</c> over 50 a page) until it reaches what the last poll saw.</summary>
    public Task<FeedPoll> PollAsync(string? cursor, CancellationToken cancellationToken)
    {
        var (from, to) = ChinaTime.YesterdayAndToday(Clock, "yyyy-MM-dd");
        var random = "0." + (Clock.GetUtcNow().ToUnixTimeMilliseconds() % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var url = FeedRequests.WithDefaultQuery(Options.Url ?? DefaultUrl, "random=" + random);
        var pageSize = new SzseAnnouncementQuery { SeDate = [from, to] }.PageSize;
        HttpRequestMessage Page(int page)
        {
            var query = new SzseAnnouncementQuery { SeDate = [from, to], PageNum = page };
            var request = FeedRequests.Post(
                url, Options, Referer, JsonContent.Create(query, SzseJsonContext.Default.SzseAnnouncementQuery), "application/json, text/javascript, */*; q=0.01");
            request.Headers.TryAddWithoutValidation("X-Request-Type", "ajax");
            return request;
        }

        return PageAsync(
            cursor,
            Page,
            response => SzseAnnouncementParser.Parse(response.Text()),
            response => (System.Text.Json.JsonDocument.Parse(response.Text()).RootElement.GetProperty("announceCount").GetInt32() + pageSize - 1) / pageSize,
            cancellationToken);
    }
}
