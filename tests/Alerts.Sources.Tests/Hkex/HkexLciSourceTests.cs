using Alerts.Sources.Hkex;
using Alerts.Testing;
using static Alerts.Sources.Tests.Feeds.FeedTestKit;

namespace Alerts.Sources.Tests.Hkex;

/// <summary>The source against a loopback stand-in: the request it sends and what it makes of a real-format answer.</summary>
public class HkexLciSourceTests
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
}
