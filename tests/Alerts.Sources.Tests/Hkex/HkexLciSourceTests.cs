using Alerts.Sources.Hkex;
using Alerts.Testing;
using Microsoft.AspNetCore.Http;
using static Alerts.Sources.Tests.Feeds.FeedTestKit;

namespace Alerts.Sources.Tests.Hkex;

/// <summary>The source against a loopback stand-in: the requests it sends and what it makes of real-format answers.</summary>
public class HkexLciSourceTests
{
    private const string EnglishPath = "/ncms/json/eds/lcisehk1relsde_1.json";
    private const string ChinesePath = "/ncms/json/eds/lcisehk1relsdc_1.json";

    [Fact]
    public async Task Hkex_lci_reads_both_language_files_with_a_browser_agent_and_referer()
    {
        await using var server = await Serve(Fixture.Text("hkex-lci-near-verbatim.json"), Fixture.Text("hkex-lci-chinese-row.json"));
        using var http = Http();

        var poll = await Create(HkexLciSource.Kind, server.Url(EnglishPath), http).PollAsync(CancellationToken.None);

        Assert.True(poll.Succeeded, poll.Error?.ToString());
        Assert.Equal("hkex-lci-test", poll.Source);
        Assert.Equal(2, poll.Events.Count);
        // The English file says maxNumOfFile 2: a cold start reads page 2 as well, to see whether its last minute goes on there.
        Assert.Equal([EnglishPath, EnglishPath.Replace("_1.json", "_2.json", StringComparison.Ordinal), ChinesePath], server.Requests.Select(r => r.PathAndQuery));
        Assert.All(server.Requests, r => Assert.Contains("Mozilla/5.0", r.Header("User-Agent"), StringComparison.Ordinal));
        Assert.Equal("https://www1.hkexnews.hk/listedco/listconews/index/lci.html?lang=en", server.Requests[0].Header("Referer"));
        Assert.EndsWith("lang=zh", server.Requests.Single(r => r.PathAndQuery == ChinesePath).Header("Referer"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_announcement_in_both_languages_is_one_event_carrying_both_titles_english_first()
    {
        await using var server = await Serve(
            Page(Row(12400001, "Proposed Issuance of A Shares and Listing on the STAR Market", "2026092801001.pdf")),
            Page(Row(12400002, "建議發行A股並於科創板上市", "2026092801002_c.pdf")));
        using var http = Http();

        var poll = await Create(HkexLciSource.Kind, server.Url(ChinesePath), http).PollAsync(CancellationToken.None);

        var announcement = Assert.Single(poll.Events).Announcement!;
        Assert.Equal("en", announcement.Language);
        Assert.Equal("Proposed Issuance of A Shares and Listing on the STAR Market", announcement.Title);
        var chinese = Assert.Single(announcement.Translations!);
        Assert.Equal(("zh-Hant", "建議發行A股並於科創板上市"), (chinese.Language, chinese.Title));
        Assert.EndsWith("_c.pdf", chinese.Url!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains(Core.Model.AnnouncementCategory.AShareIssuance, announcement.Categories);
    }

    [Fact]
    public async Task A_late_second_language_keeps_the_id_the_first_one_was_alerted_under()
    {
        var english = Page(Row(12400001, "Inside Information", "2026092801001.pdf"));
        var chinese = Page(Row(12400002, "內幕消息", "2026092801002_c.pdf"));
        await using var englishOnly = await Serve(english, Page());
        await using var both = await Serve(english, chinese);
        using var http = Http();

        var first = Assert.Single((await Create(HkexLciSource.Kind, englishOnly.Url(EnglishPath), http).PollAsync(CancellationToken.None)).Events);
        var later = Assert.Single((await Create(HkexLciSource.Kind, both.Url(EnglishPath), http).PollAsync(CancellationToken.None)).Events);

        Assert.Null(first.Announcement!.Translations);
        Assert.Equal(first.Id, later.Id);
    }

    [Fact]
    public async Task A_chinese_only_document_is_kept_and_a_failing_language_is_a_problem_not_a_failed_poll()
    {
        await using var server = await LoopbackServer.StartAsync(async (request, context) =>
        {
            if (request.PathAndQuery.Contains("relsde", StringComparison.Ordinal))
            {
                context.Response.StatusCode = 503;
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(Page(Row(12400002, "內幕消息", "2026092801002_c.pdf")));
        });
        using var http = Http();

        var poll = await Create(HkexLciSource.Kind, server.Url(EnglishPath), http).PollAsync(CancellationToken.None);

        Assert.True(poll.Succeeded);
        Assert.Equal("zh-Hant", Assert.Single(poll.Events).Announcement!.Language);
        Assert.Contains(poll.Problems, p => p.Where == "English page" && p.Message.Contains("503", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_file_named_without_a_language_is_read_alone_as_english()
    {
        await using var server = await LoopbackServer.StartAsync(200, Page(Row(12400001, "Inside Information", "2026092801001.pdf")), "application/json");
        using var http = Http();

        var poll = await Create(HkexLciSource.Kind, server.Url("/mirror/latest.json"), http).PollAsync(CancellationToken.None);

        Assert.Equal("en", Assert.Single(poll.Events).Announcement!.Language);
        Assert.Equal("/mirror/latest.json", Assert.Single(server.Requests).PathAndQuery);
    }

    [Fact]
    public async Task Both_languages_failing_fails_the_poll()
    {
        await using var server = await LoopbackServer.StartAsync(503);
        using var http = Http();

        var poll = await Create(HkexLciSource.Kind, server.Url(EnglishPath), http).PollAsync(CancellationToken.None);

        Assert.False(poll.Succeeded);
        Assert.Empty(poll.Events);
    }

    private static Task<LoopbackServer> Serve(string english, string chinese) =>
        LoopbackServer.StartAsync(async (request, context) =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(request.PathAndQuery.Contains("relsdc", StringComparison.Ordinal) ? chinese : english);
        });

    private static string Page(params string[] rows) => "{\"genDate\":\"1790500000000\",\"maxNumOfFile\":1,\"newsInfoLst\":[" + string.Join(",", rows) + "]}";

    private static string Row(long newsId, string title, string file) =>
        $$"""{"newsId":{{newsId}},"lTxt":"-","title":"{{title}}","ext":"pdf","webPath":"/listedco/listconews/sehk/2026/0928/{{file}}","market":"SEHK","stock":[{"sc":"02513","sn":"X"}],"relTime":"28/09/2026 19:05","t1Code":"10000","t2Code":"13500"}""";
}
