using Alerts.Core.Model;
using Alerts.Sources.Csrc;
using Alerts.Testing;
using static Alerts.Sources.Tests.Feeds.FeedTestKit;

namespace Alerts.Sources.Tests.Csrc;

/// <summary>The source against a loopback stand-in: the request it sends and what it makes of a real-format answer.</summary>
public class CsrcTutoringSourceTests
{
    [Fact]
    public async Task Csrc_tutoring_reads_the_html_page()
    {
        await using var server = await LoopbackServer.StartAsync(200, Fixture.Text("csrc-tutoring.html"), "text/html; charset=utf-8");
        using var http = Http();

        var poll = await Create("csrc-tutoring", server.Url("/csrcfd/index.html"), http).PollAsync(CancellationToken.None);

        Assert.Equal(2, poll.Events.Count);
        Assert.All(poll.Events, e => Assert.Contains(AnnouncementCategory.IpoTutoring, e.Announcement!.Categories));
        Assert.Equal("http://eid.csrc.gov.cn/csrcfd/index.html", server.Requests[0].Header("Referer"));
    }
}
