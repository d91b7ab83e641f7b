using System.Globalization;
using System.Text.Json.Nodes;
using Alerts.Sources.Feeds;
using Alerts.Sources.Hkex;
using Alerts.Testing;
using Microsoft.AspNetCore.Http;
using static Alerts.Sources.Tests.Feeds.FeedTestKit;

namespace Alerts.Sources.Tests.Hkex;

/// <summary>
/// A burst between two polls spread over several LCI pages is read back to what the last poll saw, and no further, in both
/// language files of the board (one poll reads the English and the Chinese file and pairs them).
/// </summary>
public class HkexLciPagingTests
{
    private const int PageSize = 3;

    /// <summary>
    /// The feed as HKEX serves it: newest first, <see cref="PageSize"/> rows a page, <c>maxNumOfFile</c> pages, in English
    /// (<c>…relsde_N.json</c>) and Chinese (<c>…relsdc_N.json</c>, the same documents under their own newsIds). Document N is
    /// filed at N:00, so its pair id names that hour.
    /// </summary>
    private sealed class Feed
    {
        public List<int> NewsIds { get; set; } = [];

        public HashSet<int> FailingPages { get; } = [];

        public HashSet<string> FailingFiles { get; } = [];

        public async Task ServeAsync(RecordedRequest request, HttpContext context)
        {
            var page = int.Parse(request.PathAndQuery.Split('_')[^1].Split('.')[0], CultureInfo.InvariantCulture);
            if (FailingPages.Contains(page) || FailingFiles.Contains(request.PathAndQuery.Split('/')[^1]))
            {
                context.Response.StatusCode = 502;
                return;
            }

            var chinese = request.PathAndQuery.Contains("relsdc", StringComparison.Ordinal);
            var newest = NewsIds.OrderDescending().ToList();
            var rows = new JsonArray([.. newest.Skip((page - 1) * PageSize).Take(PageSize).Select(n => Row(n, chinese))]);
            var document = new JsonObject
            {
                ["genDate"] = "1", ["maxNumOfFile"] = Math.Max(1, (newest.Count + PageSize - 1) / PageSize), ["newsInfoLst"] = rows,
            };
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(document.ToJsonString());
        }

        private static JsonNode Row(int document, bool chinese) => new JsonObject
        {
            ["newsId"] = chinese ? 100_000 + document : document, ["title"] = (chinese ? "公告 " : "Announcement ") + document,
            ["relTime"] = "10/04/2026 " + (document % 24).ToString("D2", CultureInfo.InvariantCulture) + ":00",
            ["stock"] = new JsonArray(new JsonObject { ["sc"] = "02513", ["sn"] = chinese ? "智譜" : "ZHIPU" }),
            ["webPath"] = $"/listedco/listconews/sehk/2026/0410/{document}{(chinese ? "_c" : "")}.pdf", ["t1Code"] = "10000", ["t2Code"] = "11200",
        };
    }

    private static async Task<(FeedPoll Poll, List<string> Pages)> PollAsync(Feed feed, string? cursor, int maxPages = 10)
    {
        await using var server = await LoopbackServer.StartAsync(feed.ServeAsync);
        using var http = Http();
        var source = new HkexLciSource(
            http, new FeedSourceOptions { Name = "lci", Kind = "hkex-lci", Url = server.Url("/ncms/json/eds/lcisehk1relsde_1.json"), MaxPages = maxPages });
        var poll = await source.PollAsync(cursor, CancellationToken.None);
        return (poll, [.. server.Requests.Select(r => r.PathAndQuery.Split('/')[^1])]);
    }

    /// <summary>The fake's document numbers, read back from the pair ids (<c>202604101700-02513-11200-1</c> is document 17).</summary>
    private static IEnumerable<int> Ids(FeedPoll poll) => poll.Events.Select(e => Document(e.Announcement!.SourceId)).Order();

    private static int Document(string pairId) => int.Parse(pairId.AsSpan(8, 2), CultureInfo.InvariantCulture);

    private static string[] Files(string language, int pages) => [.. Enumerable.Range(1, pages).Select(p => $"lcisehk1rels{language}_{p}.json")];

    [Fact]
    public async Task A_cold_start_reads_the_first_page_and_the_next_only_to_close_its_last_minute()
    {
        var feed = new Feed { NewsIds = [.. Enumerable.Range(1, 10)] };

        var (poll, pages) = await PollAsync(feed, cursor: null);

        Assert.Equal(["lcisehk1relsde_1.json", "lcisehk1relsde_2.json", "lcisehk1relsdc_1.json", "lcisehk1relsdc_2.json"], pages);
        Assert.Equal([8, 9, 10], Ids(poll));
        Assert.All(poll.Events, e => Assert.Equal("公告 " + Document(e.Announcement!.SourceId), Assert.Single(e.Announcement.Translations!).Title));
        Assert.Equal("hkex-lci/2\nen 10\nzh-Hant 100010", poll.Cursor); // the high-water newsId of each language
    }

    [Fact]
    public async Task A_burst_across_pages_is_read_back_to_the_last_poll()
    {
        var feed = new Feed { NewsIds = [.. Enumerable.Range(1, 10)] };
        var (first, _) = await PollAsync(feed, cursor: null);
        feed.NewsIds.AddRange(Enumerable.Range(11, 7)); // 11..17 arrive between two polls

        var (second, pages) = await PollAsync(feed, first.Cursor);

        Assert.Equal([.. Files("de", 3), .. Files("dc", 3)], pages);
        Assert.Equal(Enumerable.Range(9, 9), Ids(second)); // 17..15, 14..12, 11 10 9: stops at the page holding 10
        Assert.All(second.Events, e => Assert.Single(e.Announcement!.Translations!)); // paired across pages too
        Assert.Equal("hkex-lci/2\nen 17\nzh-Hant 100017", second.Cursor);
    }

    [Fact]
    public async Task A_page_that_changes_while_it_is_read_repeats_nothing_and_loses_nothing()
    {
        var feed = new Feed { NewsIds = [.. Enumerable.Range(1, 10)] };
        var (first, _) = await PollAsync(feed, cursor: null);
        feed.NewsIds.AddRange([11, 12, 13, 14]);
        await using var server = await LoopbackServer.StartAsync(async (request, context) =>
        {
            await feed.ServeAsync(request, context);
            if (request.PathAndQuery.EndsWith("relsde_1.json", StringComparison.Ordinal) && !feed.NewsIds.Contains(15))
            {
                feed.NewsIds.AddRange([15, 16]); // published between the reads of English page 1 and page 2: page 2 now repeats 13 and 12
            }
        });
        using var http = Http();
        var source = new HkexLciSource(http, new FeedSourceOptions { Name = "lci", Kind = "hkex-lci", Url = server.Url("/ncms/json/eds/lcisehk1relsde_1.json") });

        var second = await source.PollAsync(first.Cursor, CancellationToken.None);
        var third = await source.PollAsync(second.Cursor, CancellationToken.None);

        Assert.Equal(second.Events.Count, second.Events.Select(e => e.Id).Distinct().Count());
        Assert.Superset(new HashSet<int>([11, 12, 13, 14]), Ids(second).ToHashSet());
        Assert.Superset(new HashSet<int>([15, 16]), Ids(third).ToHashSet());
    }

    [Fact]
    public async Task A_failing_later_page_keeps_the_old_cursor_so_the_next_poll_reads_the_gap()
    {
        var feed = new Feed { NewsIds = [.. Enumerable.Range(1, 10)] };
        var (first, _) = await PollAsync(feed, cursor: null);
        feed.NewsIds.AddRange(Enumerable.Range(11, 7));
        feed.FailingPages.Add(2);

        var (broken, _) = await PollAsync(feed, first.Cursor);
        feed.FailingPages.Clear();
        var (retried, _) = await PollAsync(feed, broken.Cursor ?? first.Cursor);

        Assert.True(broken.Succeeded);
        Assert.Null(broken.Cursor);
        Assert.Contains(broken.Problems, p => p.Where == "page 2" && p.Message.Contains("502", StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(9, 9), Ids(retried));
    }

    [Fact]
    public async Task A_failing_chinese_page_keeps_the_old_cursor_though_the_english_file_was_read_back()
    {
        var feed = new Feed { NewsIds = [.. Enumerable.Range(1, 10)] };
        var (first, _) = await PollAsync(feed, cursor: null);
        feed.NewsIds.AddRange(Enumerable.Range(11, 7));
        feed.FailingFiles.Add("lcisehk1relsdc_2.json");

        var (broken, _) = await PollAsync(feed, first.Cursor);
        feed.FailingFiles.Clear();
        var (retried, _) = await PollAsync(feed, broken.Cursor ?? first.Cursor);

        Assert.True(broken.Succeeded);
        Assert.Equal(Enumerable.Range(9, 9), Ids(broken));
        Assert.Null(broken.Cursor); // the Chinese versions of 12..14 were not read: the next poll reads them again
        Assert.Contains(broken.Problems, p => p.Where == "page 2" && p.Message.Contains("502", StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(9, 9), Ids(retried));
        Assert.All(retried.Events, e => Assert.Single(e.Announcement!.Translations!));
    }

    [Fact]
    public async Task Paging_stops_at_max_pages_and_says_so()
    {
        var feed = new Feed { NewsIds = [.. Enumerable.Range(1, 3)] };
        var (first, _) = await PollAsync(feed, cursor: null);
        feed.NewsIds.AddRange(Enumerable.Range(4, 30));

        var (poll, pages) = await PollAsync(feed, first.Cursor, maxPages: 2);

        Assert.Equal([.. Files("de", 2), .. Files("dc", 2)], pages);
        Assert.Contains(poll.Problems, p => p.Message.Contains("MaxPages", StringComparison.Ordinal));
    }
}
