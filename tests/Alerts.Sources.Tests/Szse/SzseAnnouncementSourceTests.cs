using Alerts.Sources.Szse;
using Alerts.Testing;
using static Alerts.Sources.Tests.Feeds.FeedTestKit;

namespace Alerts.Sources.Tests.Szse;

/// <summary>The source against a loopback stand-in: the request it sends and what it makes of a real-format answer.</summary>
public class SzseAnnouncementSourceTests
{
    [Fact]
    public async Task Szse_posts_a_json_query_with_its_own_page_headers()
    {
        await using var server = await LoopbackServer.StartAsync(200, Fixture.Text("szse-annlist.json"), "application/json");
        using var http = Http();
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 3, 31, 1, 0, 0, TimeSpan.Zero));

        var poll = await Create("szse-announcements", server.Url("/api/disc/announcement/annList"), http, clock).PollAsync(CancellationToken.None);

        Assert.Equal("szse:c7427842-879c-4dcb-a2f2-7db95d3b10bf", Assert.Single(poll.Events).Id);
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.StartsWith("/api/disc/announcement/annList?random=0.", request.PathAndQuery, StringComparison.Ordinal);
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal("https://www.szse.cn/disclosure/listed/notice/index.html", request.Header("Referer"));
        Assert.Equal("https://www.szse.cn", request.Header("Origin"));
        Assert.Equal("XMLHttpRequest", request.Header("X-Requested-With"));
        Assert.Contains("\"seDate\":[\"2026-03-30\",\"2026-03-31\"]", request.BodyText, StringComparison.Ordinal);
        Assert.Contains("\"channelCode\":[\"listedNotice_disc\"]", request.BodyText, StringComparison.Ordinal);
    }
}
