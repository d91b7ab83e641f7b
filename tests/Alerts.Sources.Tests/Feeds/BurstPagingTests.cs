using System.Globalization;
using System.Text.Json.Nodes;
using System.Web;
using Alerts.Sources.Feeds;
using Alerts.Testing;
using Microsoft.AspNetCore.Http;
using static Alerts.Sources.Tests.Feeds.FeedTestKit;

namespace Alerts.Sources.Tests.Feeds;

/// <summary>
/// EDGAR's current feed, SSE's IPO project list and HKEX's title search page back to what the last poll saw: a burst between
/// two polls spanning several pages is read whole, a page that shifts while being read (new items pushed on top) loses and
/// repeats nothing, and a burst longer than MaxPages is read up to it with a problem saying what was not.
/// </summary>
public class BurstPagingTests
{
    private static readonly DateTimeOffset Now = new(2026, 8, 7, 8, 0, 0, TimeSpan.Zero); // 16:00 in Hong Kong and Shanghai, 04:00 in New York

    public static TheoryData<string> Kinds => ["edgar-current", "sse-ipo", "hkex-title-search"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_burst_across_pages_between_two_polls_is_read_whole(string kind)
    {
        var feed = new NewestFirstFeed(kind, Enumerable.Range(1, 30));
        await using var server = await LoopbackServer.StartAsync(feed.ServeAsync);
        using var http = Http();
        var source = Source(kind, server, http, maxPages: 10);

        var cold = await source.PollAsync(null, CancellationToken.None);
        feed.Add(Enumerable.Range(31, 2 * feed.PageSize + 5)); // two and a bit pages of new items
        var burst = await source.PollAsync(cold.Cursor, CancellationToken.None);

        Assert.True(burst.Succeeded, burst.Error?.ToString());
        Assert.Empty(burst.Problems);
        Assert.Equal(Math.Min(30, feed.PageSize), cold.Events.Count);
        Assert.Subset(burst.Events.Select(e => e.Id).ToHashSet(), Enumerable.Range(31, 2 * feed.PageSize + 5).Select(feed.IdOf).ToHashSet());
        Assert.Equal(burst.Events.Count, burst.Events.Select(e => e.Id).Distinct().Count());
        Assert.Equal(1 + 3, feed.PagesServed); // the cold poll one page; the burst three, the third holding what the cold poll saw
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Items_pushed_on_top_while_paging_are_neither_lost_nor_read_twice(string kind)
    {
        var feed = new NewestFirstFeed(kind, Enumerable.Range(1, 10));
        await using var server = await LoopbackServer.StartAsync(feed.ServeAsync);
        using var http = Http();
        var source = Source(kind, server, http, maxPages: 10);
        var cold = await source.PollAsync(null, CancellationToken.None);
        feed.Add(Enumerable.Range(11, feed.PageSize + 10));
        feed.BeforePage(2, () => feed.Add(Enumerable.Range(1000, 3))); // three new items shift every row down while page 2 is fetched

        var shifted = await source.PollAsync(cold.Cursor, CancellationToken.None);
        var next = await source.PollAsync(shifted.Cursor, CancellationToken.None);

        var ids = shifted.Events.Select(e => e.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Subset(ids.ToHashSet(), Enumerable.Range(11, feed.PageSize + 10).Select(feed.IdOf).ToHashSet());
        // The three that arrived mid-poll are read by the next poll (or already were), never lost.
        Assert.Subset(ids.Concat(next.Events.Select(e => e.Id)).ToHashSet(), Enumerable.Range(1000, 3).Select(feed.IdOf).ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_burst_longer_than_max_pages_is_read_up_to_it_and_says_so(string kind)
    {
        var feed = new NewestFirstFeed(kind, Enumerable.Range(1, 5));
        await using var server = await LoopbackServer.StartAsync(feed.ServeAsync);
        using var http = Http();
        var source = Source(kind, server, http, maxPages: 2);
        var cold = await source.PollAsync(null, CancellationToken.None);
        feed.Add(Enumerable.Range(6, 3 * feed.PageSize));

        var poll = await source.PollAsync(cold.Cursor, CancellationToken.None);

        Assert.True(poll.Succeeded);
        Assert.Equal(2 * feed.PageSize, poll.Events.Count);
        Assert.Contains("MaxPages", Assert.Single(poll.Problems).Message, StringComparison.Ordinal);
    }

    private static IPagedFeedSource Source(string kind, LoopbackServer server, HttpClient http, int maxPages) =>
        (IPagedFeedSource)FeedSourceRegistry.Create(
            new FeedSourceOptions
            {
                Name = kind + "-test",
                Kind = kind,
                Url = kind == "edgar-current" ? server.Url("/cgi-bin/browse-edgar?action=getcurrent&type=S-1&start=0&count=20&output=atom") : server.Url("/" + kind),
                MaxPages = maxPages,
                UserAgent = kind.StartsWith("edgar", StringComparison.Ordinal) ? "Alerts Tests tests@alerts.example" : null,
            },
            http,
            new ManualTimeProvider(Now));

    /// <summary>A feed of numbered items, newest (highest) first, paged the way each site pages, in each site's format.</summary>
    private sealed class NewestFirstFeed(string kind, IEnumerable<int> items)
    {
        private readonly List<int> _items = [.. items.OrderDescending()];
        private readonly Lock _lock = new();
        private readonly Dictionary<int, Action> _beforePage = [];

        public int PageSize => kind switch { "edgar-current" => 20, "sse-ipo" => 50, _ => 100 };

        public int PagesServed { get; private set; }

        public void Add(IEnumerable<int> more)
        {
            lock (_lock)
            {
                _items.InsertRange(0, more.OrderDescending());
            }
        }

        /// <summary>Runs once, just before the page is served.</summary>
        public void BeforePage(int page, Action action) => _beforePage[page] = action;

        public string IdOf(int n) => kind switch
        {
            "edgar-current" => "edgar:" + Accession(n),
            "sse-ipo" => $"sse-ipo:{n}:1",
            _ => "hkex:" + (12_000_000 + n).ToString(CultureInfo.InvariantCulture),
        };

        public async Task ServeAsync(RecordedRequest request, HttpContext context)
        {
            var query = HttpUtility.ParseQueryString(new Uri("http://x" + request.PathAndQuery).Query);
            var (skip, take, page) = kind switch
            {
                "edgar-current" => (Number(query["start"]), Number(query["count"]), Number(query["start"]) / 20 + 1),
                "sse-ipo" => ((Number(query["pageHelp.pageNo"]) - 1) * 50, 50, Number(query["pageHelp.pageNo"])),
                _ => (0, Number(query["rowRange"]), Number(query["rowRange"]) / 100),
            };
            if (_beforePage.Remove(page, out var action))
            {
                action();
            }

            int[] rows;
            int total;
            lock (_lock)
            {
                PagesServed++;
                rows = [.. _items.Skip(skip).Take(take)];
                total = _items.Count;
            }

            context.Response.ContentType = kind == "edgar-current" ? "application/atom+xml" : "application/json";
            await context.Response.WriteAsync(kind switch
            {
                "edgar-current" => Atom(rows),
                "sse-ipo" => Sse(rows, page, total),
                _ => TitleSearch(rows, total),
            });
        }

        private static int Number(string? text) => int.Parse(text ?? "0", CultureInfo.InvariantCulture);

        private static string Accession(int n) => "0000000001-26-" + n.ToString("D6", CultureInfo.InvariantCulture);

        /// <summary>Item n happened n minutes after 08:00 the day before, so newest first is highest first.</summary>
        private static DateTimeOffset At(int n, TimeSpan offset) => Now.AddDays(-1).AddMinutes(n).ToOffset(offset);

        private static string Atom(int[] rows) =>
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\" ?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Latest Filings</title>"
            + string.Concat(rows.Select(n =>
                $"<entry><title>S-1 - COMPANY {n} INC ({(9_000_000 + n).ToString("D10", CultureInfo.InvariantCulture)}) (Filer)</title>"
                + $"<link rel=\"alternate\" type=\"text/html\" href=\"/Archives/edgar/data/{n}/index.htm\"/>"
                + $"<summary type=\"html\">&lt;b&gt;Filed:&lt;/b&gt; 2026-08-06 &lt;b&gt;AccNo:&lt;/b&gt; {Accession(n)}</summary>"
                + $"<updated>{At(n, TimeSpan.FromHours(-4)).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture)}</updated>"
                + $"<category scheme=\"http://www.sec.gov/\" label=\"form type\" term=\"S-1\"/><id>urn:tag:sec.gov,2008:accession-number={Accession(n)}</id></entry>"))
            + "</feed>";

        private static string Sse(int[] rows, int page, int total) =>
            "jsonpCallback1(" + new JsonObject
            {
                ["pageHelp"] = new JsonObject { ["pageCount"] = (total + 49) / 50, ["pageNo"] = page, ["pageSize"] = 50, ["total"] = total, ["data"] = new JsonArray() },
                ["result"] = new JsonArray([.. rows.Select(n => (JsonNode)new JsonObject
                {
                    ["updateDate"] = At(n, TimeSpan.FromHours(8)).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture),
                    ["stockAuditName"] = $"测试{n}科技股份有限公司", ["currStatus"] = 1, ["stockAuditNum"] = n.ToString(CultureInfo.InvariantCulture),
                    ["issueMarketType"] = 1, ["commitiResult"] = "", ["registeResult"] = "",
                })]),
            }.ToJsonString() + ")";

        private static string TitleSearch(int[] rows, int total) => new JsonObject
        {
            ["result"] = new JsonArray([.. rows.Select(n => (JsonNode)new JsonObject
            {
                ["NEWS_ID"] = (12_000_000 + n).ToString(CultureInfo.InvariantCulture), ["STOCK_CODE"] = "00700", ["STOCK_NAME"] = "TENCENT",
                ["TITLE"] = "Announcement " + n.ToString(CultureInfo.InvariantCulture),
                ["DATE_TIME"] = At(n, TimeSpan.FromHours(8)).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture),
                ["FILE_LINK"] = $"/listedco/listconews/sehk/2026/0807/{n}.pdf",
            })]).ToJsonString(),
            ["hasNextRow"] = rows.Length < total, ["recordCnt"] = total, ["loadedRecord"] = rows.Length,
        }.ToJsonString();
    }
}
