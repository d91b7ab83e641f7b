using System.Globalization;
using System.Text.Json.Nodes;
using Alerts.Sources.Feeds;
using Alerts.Testing;
using Microsoft.AspNetCore.Http;
using static Alerts.Sources.Tests.Feeds.FeedTestKit;

namespace Alerts.Sources.Tests.Feeds;

/// <summary>SZSE and SSE page the way their own pages do (SZSE's pageNum in the POST body; SSE's pageNo = beginPage = endPage).</summary>
public class ExchangePagingTests
{
    private static readonly ManualTimeProvider Clock = new(new DateTimeOffset(2026, 3, 31, 1, 0, 0, TimeSpan.Zero));

    private static JsonObject SzseRow(int n) => new()
    {
        ["id"] = "id-" + n.ToString(CultureInfo.InvariantCulture), ["annId"] = n, ["title"] = "公司：公告" + n,
        ["publishTime"] = "2026-03-31 00:00:00", ["attachPath"] = $"/disc/{n}.PDF", ["secCode"] = new JsonArray("300308"), ["secName"] = new JsonArray("中际旭创"),
    };

    [Fact]
    public async Task Szse_pages_through_announce_count_back_to_the_last_poll()
    {
        var total = 120; // 50 a page: 3 pages, newest (highest n) first
        await using var szse = await LoopbackServer.StartAsync(async (request, context) =>
        {
            var page = JsonNode.Parse(request.BodyText)!["pageNum"]!.GetValue<int>();
            var rows = Enumerable.Range(1, total).Reverse().Skip((page - 1) * 50).Take(50).Select(n => (JsonNode)SzseRow(n));
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(new JsonObject { ["announceCount"] = total, ["data"] = new JsonArray([.. rows]) }.ToJsonString());
        });
        using var http = Http();
        var source = (IPagedFeedSource)Create("szse-announcements", szse.Url("/annList"), http, Clock);

        var cold = await source.PollAsync(null, CancellationToken.None);
        var everything = await source.PollAsync("szse:id-0", CancellationToken.None); // a cursor nothing matches: up to the last page
        var caughtUp = await source.PollAsync(cold.Cursor, CancellationToken.None);

        Assert.Equal(50, cold.Events.Count);
        Assert.Equal(120, everything.Events.Count);
        Assert.Equal(50, caughtUp.Events.Count);
        Assert.Equal([1, 1, 2, 3, 1], szse.Requests.Select(r => JsonNode.Parse(r.BodyText)!["pageNum"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Sse_asks_for_each_page_with_begin_and_end_page_equal_to_it()
    {
        var fixture = Fixture.Text("sse-bulletins-new.jsonp");
        await using var sse = await LoopbackServer.StartAsync(async (_, context) =>
        {
            context.Response.ContentType = "text/javascript";
            await context.Response.WriteAsync(fixture.Replace("\"pageCount\":113", "\"pageCount\":2", StringComparison.Ordinal));
        });
        using var http = Http();
        var source = (IPagedFeedSource)Create("sse-bulletins", sse.Url("/query"), http, Clock);

        await source.PollAsync("sse:unknown", CancellationToken.None);

        Assert.Equal(2, sse.Requests.Count);
        Assert.Contains("pageHelp.pageNo=2&pageHelp.beginPage=2&pageHelp.endPage=2", sse.Requests[1].PathAndQuery, StringComparison.Ordinal);
    }
}
