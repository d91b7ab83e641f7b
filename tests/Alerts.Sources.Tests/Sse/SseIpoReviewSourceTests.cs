using System.Web;
using Alerts.Sources.Sse;
using Alerts.Testing;
using static Alerts.Sources.Tests.Feeds.FeedTestKit;

namespace Alerts.Sources.Tests.Sse;

/// <summary>The source against a loopback stand-in: the request it sends and what it makes of a real-format answer.</summary>
public class SseIpoReviewSourceTests
{
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
}
