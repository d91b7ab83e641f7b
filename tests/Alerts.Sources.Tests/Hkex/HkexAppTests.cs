using System.Collections.Concurrent;
using Alerts.Core.Model;
using Alerts.Sources.Feeds;
using Alerts.Sources.Hkex;
using Alerts.Testing;
using Microsoft.AspNetCore.Http;
using static Alerts.Sources.Tests.Feeds.FeedTestKit;

namespace Alerts.Sources.Tests.Hkex;

/// <summary>The HKEX IPO pipeline: application documents and status lists as events, diffed by application id and path.</summary>
public class HkexAppTests
{
    private static readonly DateTimeOffset Since = new(2026, 1, 10, 0, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void The_captured_list_gives_each_recent_filing_and_oc_announcement_by_application_id_and_path()
    {
        var result = HkexAppParser.ParseDocuments(Fixture.Text("hkex-appphip-sample.json"), Since);

        Assert.Empty(result.Problems);
        Assert.Equal(
            ["hkex-app:108066:sehk/2026/108066/documents/sehk26011200775_c.pdf", "hkex-app:108066:sehk/2026/108066/documents/sehk26011200695_c.pdf"],
            result.Items.Select(a => a.Id));
        var filing = result.Items[1];
        Assert.Equal("袁記食品集團股份有限公司: 申請版本（第一次呈交）", filing.Title);
        Assert.Equal([AnnouncementCategory.ListingApplication], filing.Categories);
        Assert.Equal([AnnouncementCategory.SponsorAppointment], result.Items[0].Categories);
        Assert.Equal(new Uri("https://www1.hkexnews.hk/app/sehk/2026/108066/documents/sehk26011200695_c.pdf"), filing.Url);
        Assert.Equal(new DateTimeOffset(2026, 1, 12, 0, 0, 0, TimeSpan.FromHours(8)), filing.PublishedAt);
        Assert.Equal([new IssuerRef("HKEX", null, "袁記食品集團股份有限公司")], filing.Issuers);
    }

    [Fact]
    public void A_phip_posted_for_a_known_application_is_a_new_event_and_the_old_filing_is_the_same_one()
    {
        var before = HkexAppParser.ParseDocuments(App(Doc("Application Proof (1st submission)", "ap1.pdf")), Since).Items;
        var after = HkexAppParser.ParseDocuments(App(Doc("Post Hearing Information Pack", "phip.pdf") + "," + Doc("Application Proof (1st submission)", "ap1.pdf")), Since).Items;

        var phip = Assert.Single(after, a => !before.Select(b => b.Id).Contains(a.Id));
        Assert.Equal([AnnouncementCategory.ListingHearingOrApproval], phip.Categories);
        Assert.Equal("Zhipu Example Holdings Limited: Post Hearing Information Pack", phip.Title);
    }

    [Theory]
    [InlineData("LP", AnnouncementCategory.Withdrawal, "application lapsed")]
    [InlineData("W", AnnouncementCategory.Withdrawal, "application withdrawn")]
    [InlineData("RJ", AnnouncementCategory.Withdrawal, "application rejected")]
    public void Inactive_statuses_are_withdrawal_events(string status, AnnouncementCategory category, string words)
    {
        var announcement = Assert.Single(HkexAppParser.ParseStatuses(App(status: status), null, Since).Items);

        Assert.Equal($"hkex-app:200001:{status}", announcement.Id);
        Assert.Equal([category], announcement.Categories);
        Assert.EndsWith(words, announcement.Title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"app\":{}}")]
    [InlineData("<html>maintenance</html>")]
    public void A_body_that_is_not_a_list_is_malformed(string body) => Assert.True(HkexAppParser.ParseDocuments(body, Since).IsMalformed);

    [Fact]
    public void A_row_without_applicant_is_a_problem_and_the_rest_is_kept()
    {
        var json = List("{\"id\":1,\"ls\":[]}", Row(Doc("Application Proof (1st submission)", "ap.pdf")));

        var result = HkexAppParser.ParseDocuments(json, Since);

        Assert.Single(result.Items);
        Assert.Contains("applicant", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_source_reads_all_four_lists_and_reports_applications_that_turn_up_later_in_a_status_list()
    {
        var files = new ConcurrentDictionary<string, string>
        {
            ["appactive_app_sehk_e.json"] = App(Doc("Application Proof (1st submission)", "ap1.pdf")),
            ["appactive_appphip_sehk_e.json"] = "{\"app\":[]}",
            ["appinactive_sehk_e.json"] = App(status: "LP", id: 100001),
            ["applisted_sehk_e.json"] = "{\"app\":[]}",
        };
        await using var server = await LoopbackServer.StartAsync(async (request, context) =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(files[request.PathAndQuery.Split('/')[^1]]);
        });
        using var http = Http();
        var source = Create(HkexAppSource.Kind, server.Url("/ncms/json/eds/appactive_app_sehk_e.json"), http, new ManualTimeProvider(new DateTimeOffset(2026, 1, 13, 2, 0, 0, TimeSpan.Zero)));

        var first = await ((IPagedFeedSource)source).PollAsync(null, CancellationToken.None);
        files["appinactive_sehk_e.json"] = List(Row(status: "LP", id: 100001), Row(status: "W"));
        files["applisted_sehk_e.json"] = App(id: 100002);
        var second = await ((IPagedFeedSource)source).PollAsync(first.Cursor, CancellationToken.None);

        Assert.True(first.Succeeded, first.Error?.ToString());
        Assert.Equal(["hkex-app:200001:ap1.pdf"], first.Events.Select(e => e.Id));
        Assert.Equal(["hkex-app:200001:W", "hkex-app:100002:LISTED"], second.Events.Select(e => e.Id));
        Assert.Equal([AnnouncementCategory.ListingDate], second.Events[1].Announcement!.Categories);
        Assert.Equal(8, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal(HkexAppSource.Referer, r.Header("Referer")));
    }

    [Fact]
    public async Task One_list_failing_is_a_problem_all_failing_fails_the_poll()
    {
        await using var broken = await LoopbackServer.StartAsync(500);
        await using var partly = await LoopbackServer.StartAsync(async (request, context) =>
        {
            if (!request.PathAndQuery.EndsWith("appactive_app_sehk_e.json", StringComparison.Ordinal))
            {
                context.Response.StatusCode = 503;
                return;
            }

            await context.Response.WriteAsync(App(Doc("Application Proof (1st submission)", "ap1.pdf")));
        });
        using var http = Http();
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 1, 13, 2, 0, 0, TimeSpan.Zero));

        var none = await Create(HkexAppSource.Kind, broken.Url("/appactive_app_sehk_e.json"), http, clock).PollAsync(CancellationToken.None);
        var some = await Create(HkexAppSource.Kind, partly.Url("/appactive_app_sehk_e.json"), http, clock).PollAsync(CancellationToken.None);

        Assert.False(none.Succeeded);
        Assert.True(some.Succeeded);
        Assert.Single(some.Events);
        Assert.Equal(3, some.Problems.Count);
    }

    private static string App(string docs = "", string status = "A", int id = 200001) => List(Row(docs, status, id));

    private static string List(params string[] rows) => "{\"app\":[" + string.Join(",", rows) + "]}";

    private static string Row(string docs = "", string status = "A", int id = 200001) =>
        $$"""{"id":{{id}},"d":"12/01/2026","a":"Zhipu Example Holdings Limited","s":"{{status}}","ls":[{{docs}}],"ps":[]}""";

    private static string Doc(string form, string path, string date = "12/01/2026") =>
        $$"""{"d":"{{date}}","nF":"{{form}}","u1":"{{path}}"}""";
}
