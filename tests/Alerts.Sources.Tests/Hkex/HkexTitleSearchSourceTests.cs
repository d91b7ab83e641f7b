using System.Web;
using Alerts.Sources.Hkex;
using Alerts.Testing;
using static Alerts.Sources.Tests.Feeds.FeedTestKit;

namespace Alerts.Sources.Tests.Hkex;

/// <summary>The source against a loopback stand-in: the request it sends and what it makes of a real-format answer.</summary>
public class HkexTitleSearchSourceTests
{
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
}
