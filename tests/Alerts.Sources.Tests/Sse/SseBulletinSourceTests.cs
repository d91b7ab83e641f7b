using System.Web;
using Alerts.Sources.Sse;
using Alerts.Testing;
using static Alerts.Sources.Tests.Feeds.FeedTestKit;

namespace Alerts.Sources.Tests.Sse;

/// <summary>The source against a loopback stand-in: the request it sends and what it makes of a real-format answer.</summary>
public class SseBulletinSourceTests
{
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
}
