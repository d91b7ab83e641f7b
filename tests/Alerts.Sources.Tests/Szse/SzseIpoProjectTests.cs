using Alerts.Core.Model;
using Alerts.Sources.Szse;
using Alerts.Testing;
using static Alerts.Sources.Tests.Feeds.FeedTestKit;

namespace Alerts.Sources.Tests.Szse;

public class SzseIpoProjectTests
{
    [Fact]
    public void Each_project_is_its_current_status_in_the_exchanges_words()
    {
        var result = SzseIpoProjectParser.Parse(Fixture.Text("szse-ipo-projects.json"));

        Assert.Empty(result.Problems);
        Assert.Equal(
            ["szse-ipo:1003977:已问询", "szse-ipo:1003856:注册生效", "szse-ipo:1004102:已受理", "szse-ipo:1003501:终止(撤回)"],
            result.Items.Select(a => a.Id));
        var effective = result.Items[1];
        Assert.Equal("深圳市鸿富诚新材料股份有限公司 创业板IPO: 注册生效", effective.Title);
        Assert.Equal([new IssuerRef("SZSE", null, "深圳市鸿富诚新材料股份有限公司")], effective.Issuers);
        Assert.Equal(new DateTimeOffset(2026, 7, 13, 0, 0, 0, TimeSpan.FromHours(8)), effective.PublishedAt);
        Assert.Equal(
            [[AnnouncementCategory.Inquiry], [AnnouncementCategory.RegistrationEffective], [AnnouncementCategory.ListingApplication], [AnnouncementCategory.Withdrawal]],
            result.Items.Select(a => a.Categories));
    }

    [Fact]
    public void A_status_change_is_a_new_event_and_an_unchanged_status_is_the_same_one()
    {
        var before = Assert.Single(SzseIpoProjectParser.Parse(Page("已问询")).Items);
        var again = Assert.Single(SzseIpoProjectParser.Parse(Page("已问询")).Items);
        var after = Assert.Single(SzseIpoProjectParser.Parse(Page("上市委会议通过")).Items);

        Assert.Equal(before.Id, again.Id);
        Assert.NotEqual(before.Id, after.Id);
        Assert.Equal([AnnouncementCategory.ListingHearingOrApproval], after.Categories);
    }

    [Theory]
    [InlineData("{\"data\":[{\"cmpnm\":\"X\",\"prjst\":\"已受理\",\"updtdt\":\"2026-07-12 00:00:00\"}],\"totalSize\":1}", "prjid")]
    [InlineData("{\"data\":[{\"prjid\":1,\"cmpnm\":\"X\",\"prjst\":\"已受理\",\"updtdt\":\"13/07/2026\"}],\"totalSize\":1}", "updtdt")]
    [InlineData("{\"data\":[{\"prjid\":1,\"prjst\":\"已受理\",\"updtdt\":\"2026-07-12 00:00:00\"}],\"totalSize\":1}", "cmpnm")]
    public void A_bad_row_is_a_problem_not_an_event(string json, string field)
    {
        var result = SzseIpoProjectParser.Parse(json);

        Assert.Empty(result.Items);
        Assert.Contains(field, Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<html>WAF</html>")]
    [InlineData("{\"totalSize\":0}")]
    public void A_body_that_is_not_the_list_fails_the_parse(string body) => Assert.True(SzseIpoProjectParser.Parse(body).IsMalformed);

    [Fact]
    public async Task The_source_sends_the_sites_referer_and_ajax_header()
    {
        await using var server = await LoopbackServer.StartAsync(200, Fixture.Text("szse-ipo-projects.json"), "application/json");
        using var http = Http();

        var poll = await Create(SzseIpoProjectSource.Kind, server.Url("/api/ras/projectrends/query"), http).PollAsync(CancellationToken.None);

        Assert.True(poll.Succeeded, poll.Error?.ToString());
        Assert.Equal(4, poll.Events.Count);
        var request = Assert.Single(server.Requests);
        Assert.StartsWith("/api/ras/projectrends/query?bizType=1&pageIndex=0&pageSize=100", request.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(SzseIpoProjectSource.Referer, request.Header("Referer"));
        Assert.Equal("XMLHttpRequest", request.Header("X-Requested-With"));
    }

    private static string Page(string status) =>
        $$"""{"data":[{"prjid":1003977,"cmpnm":"广西田园生化股份有限公司","prjst":"{{status}}","boardName":"主板","updtdt":"2026-07-13 00:00:00"}],"totalSize":1}""";
}
