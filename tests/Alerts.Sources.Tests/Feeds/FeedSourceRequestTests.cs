using System.Web;
using Alerts.Core.Model;
using Alerts.Sources.Feeds;
using Alerts.Sources.Hkex;
using Alerts.Testing;
using Microsoft.AspNetCore.Http;
using static Alerts.Sources.Tests.Feeds.FeedTestKit;

namespace Alerts.Sources.Tests.Feeds;

/// <summary>Each source against a loopback stand-in: the request it sends and what it makes of a real-format answer.</summary>
public class FeedSourceRequestTests
{
    [Fact]
    public async Task Hkex_lci_reads_the_feed_with_a_browser_agent_and_referer()
    {
        await using var server = await LoopbackServer.StartAsync(200, Fixture.Text("hkex-lci-near-verbatim.json"), "application/json");
        using var http = Http();

        var poll = await Create(HkexLciSource.Kind, server.Url("/ncms/json/eds/lcisehk1relsde_1.json"), http).PollAsync(CancellationToken.None);

        Assert.True(poll.Succeeded, poll.Error?.ToString());
        Assert.Equal("hkex-lci-test", poll.Source);
        Assert.Equal("hkex:12102478", Assert.Single(poll.Events).Id);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/ncms/json/eds/lcisehk1relsde_1.json", request.PathAndQuery);
        Assert.Contains("Mozilla/5.0", request.Header("User-Agent"), StringComparison.Ordinal);
        Assert.Equal("https://www1.hkexnews.hk/listedco/listconews/index/lci.html?lang=en", request.Header("Referer"));
    }

    [Fact]
    public async Task Hkex_lci_chinese_file_gives_chinese_announcements()
    {
        await using var server = await LoopbackServer.StartAsync(200, Fixture.Text("hkex-lci-chinese-row.json"), "application/json");
        using var http = Http();

        var poll = await Create(HkexLciSource.Kind, server.Url("/ncms/json/eds/lcisehk1relsdc_1.json"), http).PollAsync(CancellationToken.None);

        Assert.Equal("zh-Hant", Assert.Single(poll.Events).Announcement!.Language);
        Assert.EndsWith("lang=zh", server.Requests[0].Header("Referer"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hkex_title_search_asks_for_yesterday_and_today_in_hong_kong()
    {
        await using var server = await LoopbackServer.StartAsync(200, Fixture.Text("hkex-title-search.json"), "application/json");
        using var http = Http();
        var clock = new ManualTimeProvider(new DateTimeOffset(2025, 4, 29, 10, 0, 0, TimeSpan.Zero));

        var poll = await Create(HkexTitleSearchSource.Kind, server.Url("/search/titleSearchServlet.do"), http, clock).PollAsync(CancellationToken.None);

        Assert.Equal("hkex:11650832", Assert.Single(poll.Events).Id);
        var request = Assert.Single(server.Requests);
        var query = HttpUtility.ParseQueryString(new Uri(server.BaseAddress, request.PathAndQuery).Query);
        Assert.Equal("20250428", query["fromDate"]);
        Assert.Equal("20250429", query["toDate"]);
        Assert.Equal("XMLHttpRequest", request.Header("X-Requested-With"));
        Assert.Contains("Mozilla/5.0", request.Header("User-Agent"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hkex_title_search_drops_rows_outside_the_window_it_asked_for()
    {
        await using var server = await LoopbackServer.StartAsync(200, Fixture.Text("hkex-title-search.json"), "application/json");
        using var http = Http();

        var poll = await Create(HkexTitleSearchSource.Kind, server.Url("/search/titleSearchServlet.do"), http).PollAsync(CancellationToken.None);

        Assert.True(poll.Succeeded);
        Assert.Empty(poll.Events);
        Assert.Contains("ignored the filter", Assert.Single(poll.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sse_bulletins_send_the_referer_and_the_beijing_date_window()
    {
        await using var server = await LoopbackServer.StartAsync(200, Fixture.Text("sse-bulletins-new.jsonp"), "text/javascript");
        using var http = Http();
        // 2026-08-07 17:30 UTC is already 8 August in Beijing.
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 8, 7, 17, 30, 0, TimeSpan.Zero));

        var poll = await Create("sse-bulletins", server.Url("/security/stock/queryCompanyBulletinNew.do"), http, clock).PollAsync(CancellationToken.None);

        Assert.Equal(3, poll.Events.Count);
        var request = Assert.Single(server.Requests);
        Assert.Equal("https://www.sse.com.cn/", request.Header("Referer"));
        var query = HttpUtility.ParseQueryString(new Uri(server.BaseAddress, request.PathAndQuery).Query);
        Assert.Equal("2026-08-07", query["START_DATE"]);
        Assert.Equal("2026-08-08", query["END_DATE"]);
        Assert.Equal(query["pageHelp.pageNo"], query["pageHelp.beginPage"]);
        Assert.Equal(query["pageHelp.pageNo"], query["pageHelp.endPage"]);
        Assert.StartsWith("jsonpCallback", query["jsonCallBack"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sse_ipo_review_sends_the_referer_and_the_list_query()
    {
        await using var server = await LoopbackServer.StartAsync(200, Fixture.Text("sse-ipo-review.jsonp"), "text/javascript");
        using var http = Http();

        var poll = await Create("sse-ipo", server.Url("/commonSoaQuery.do"), http).PollAsync(CancellationToken.None);

        Assert.Equal(3, poll.Events.Count);
        var request = Assert.Single(server.Requests);
        Assert.Equal("https://www.sse.com.cn/listing/renewal/ipo/", request.Header("Referer"));
        var query = HttpUtility.ParseQueryString(new Uri(server.BaseAddress, request.PathAndQuery).Query);
        Assert.Equal("SH_XM_LB", query["sqlId"]);
        Assert.Equal("updateDate|desc,stockAuditNum|desc", query["order"]);
    }

    [Fact]
    public async Task A_configured_query_is_used_as_it_is()
    {
        await using var server = await LoopbackServer.StartAsync(200, Fixture.Text("sse-ipo-review.jsonp"), "text/javascript");
        using var http = Http();

        await Create("sse-ipo", server.Url("/commonSoaQuery.do?sqlId=SH_XM_LB&issueMarketType=1"), http).PollAsync(CancellationToken.None);

        Assert.Equal("/commonSoaQuery.do?sqlId=SH_XM_LB&issueMarketType=1", server.Requests[0].PathAndQuery);
    }

    [Fact]
    public async Task Csrc_tutoring_reads_the_html_page()
    {
        await using var server = await LoopbackServer.StartAsync(200, Fixture.Text("csrc-tutoring.html"), "text/html; charset=utf-8");
        using var http = Http();

        var poll = await Create("csrc-tutoring", server.Url("/csrcfd/index.html"), http).PollAsync(CancellationToken.None);

        Assert.Equal(2, poll.Events.Count);
        Assert.All(poll.Events, e => Assert.Equal([AnnouncementCategory.IpoTutoring], e.Announcement!.Categories));
        Assert.Equal("http://eid.csrc.gov.cn/csrcfd/index.html", server.Requests[0].Header("Referer"));
    }

    [Fact]
    public async Task Tencent_quotes_are_requested_by_tencent_code_and_decoded_from_gbk()
    {
        var body = Fixture.Bytes("tencent-hk00700.gbk.txt").Concat(Fixture.Bytes("tencent-sh600000.gbk.txt")).ToArray();
        await using var server = await LoopbackServer.StartAsync(async (_, context) =>
        {
            context.Response.ContentType = "text/html; charset=utf-8"; // a wrong declared charset must not matter
            await context.Response.Body.WriteAsync(body);
        });
        using var http = Http();

        var poll = await Create("tencent-quotes", server.Url("/"), http, symbols: ["0700.HK", "600000.SS", "AAPL"]).PollAsync(CancellationToken.None);

        Assert.True(poll.Succeeded);
        Assert.Equal(["0700.HK", "600000.SS"], poll.Events.Select(e => e.Tick!.Symbol));
        Assert.Equal("AAPL", Assert.Single(poll.Problems).Where);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/q=r_hk00700,sh600000", request.PathAndQuery);
        Assert.Equal("https://gu.qq.com/", request.Header("Referer"));
    }

    [Fact]
    public async Task Tencent_quotes_are_batched_fifty_codes_a_request()
    {
        await using var server = await LoopbackServer.StartAsync(200, "", "text/plain");
        using var http = Http();
        var symbols = Enumerable.Range(600000, 120).Select(code => code + ".SS").ToList();

        await Create("tencent-quotes", server.Url("/"), http, symbols: symbols).PollAsync(CancellationToken.None);

        Assert.Equal([50, 50, 20], server.Requests.Select(r => r.PathAndQuery.Split(',').Length));
    }

    [Fact]
    public async Task Tencent_with_no_symbols_polls_nothing()
    {
        await using var server = await LoopbackServer.StartAsync(200, "", "text/plain");
        using var http = Http();

        var poll = await Create("tencent-quotes", server.Url("/"), http, symbols: []).PollAsync(CancellationToken.None);

        Assert.True(poll.Succeeded);
        Assert.Empty(poll.Events);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_failed_tencent_batch_is_a_problem_when_another_batch_worked()
    {
        var good = Fixture.Bytes("tencent-hk00700.gbk.txt");
        await using var server = await LoopbackServer.StartAsync(async (request, context) =>
        {
            if (request.PathAndQuery.Contains("sh600000", StringComparison.Ordinal))
            {
                context.Response.StatusCode = 502;
                return;
            }

            await context.Response.Body.WriteAsync(good);
        });
        using var http = Http();
        var symbols = new[] { "0700.HK" }.Concat(Enumerable.Range(600000, 50).Select(code => code + ".SS")).ToList();

        var poll = await Create("tencent-quotes", server.Url("/"), http, symbols: symbols).PollAsync(CancellationToken.None);

        Assert.True(poll.Succeeded);
        Assert.Equal("0700.HK", Assert.Single(poll.Events).Tick!.Symbol);
        Assert.Contains(poll.Problems, p => p.Message.Contains("502", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_symbol_provider_is_read_on_every_poll()
    {
        await using var server = await LoopbackServer.StartAsync(200, "", "text/plain");
        using var http = Http();
        var watched = new List<string> { "2513.HK" };
        var source = new Alerts.Sources.Tencent.TencentQuoteSource(
            http, new FeedSourceOptions { Name = "q", Kind = "tencent-quotes", Url = server.Url("/") }, () => watched);

        await source.PollAsync(CancellationToken.None);
        watched.Add("0100.HK");
        await source.PollAsync(CancellationToken.None);

        Assert.Equal(["/q=r_hk02513", "/q=r_hk02513,r_hk00100"], server.Requests.Select(r => r.PathAndQuery));
    }
}
