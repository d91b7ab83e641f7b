using System.Web;
using Alerts.Sources.Cninfo;
using Alerts.Testing;
using static Alerts.Sources.Tests.Feeds.FeedTestKit;

namespace Alerts.Sources.Tests.Cninfo;

/// <summary>The source against a loopback stand-in: the request it sends and what it makes of a real-format answer.</summary>
public class CninfoAnnouncementSourceTests
{
    [Fact]
    public async Task Cninfo_posts_a_form_with_referer_and_origin()
    {
        await using var server = await LoopbackServer.StartAsync(200, Fixture.Text("cninfo-query.json"), "application/json");
        using var http = Http();

        var poll = await Create("cninfo-announcements", server.Url("/new/hisAnnouncement/query"), http).PollAsync(CancellationToken.None);

        Assert.Equal("cninfo:1205488844", Assert.Single(poll.Events).Id);
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("application/x-www-form-urlencoded; charset=UTF-8", request.Header("Content-Type"));
        Assert.Equal("http://www.cninfo.com.cn/", request.Header("Referer"));
        Assert.Equal("http://www.cninfo.com.cn", request.Header("Origin"));
        var form = HttpUtility.ParseQueryString(request.BodyText);
        Assert.Equal("2026-08-07~2026-08-08", form["seDate"]);
        Assert.Equal("szse", form["column"]);
    }
}
