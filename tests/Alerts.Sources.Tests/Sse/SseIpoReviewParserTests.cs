using Alerts.Core.Model;
using Alerts.Sources.Sse;

namespace Alerts.Sources.Tests.Sse;

public class SseIpoReviewParserTests
{
    [Fact]
    public void Reads_the_captured_list()
    {
        var result = SseIpoReviewParser.Parse(Fixture.Text("sse-ipo-review.jsonp"));

        Assert.False(result.IsMalformed);
        Assert.Empty(result.Problems);
        Assert.Equal(["sse-ipo:2239:1", "sse-ipo:2229:2", "sse-ipo:2149:4"], result.Items.Select(a => a.Id));
    }

    [Fact]
    public void An_accepted_star_project_is_a_listing_application_of_the_company()
    {
        var accepted = SseIpoReviewParser.Parse(Fixture.Text("sse-ipo-review.jsonp")).Items[0];

        Assert.Equal("sse-ipo", accepted.Source);
        Assert.Equal([new IssuerRef("SSE", null, "上海思朗科技股份有限公司")], accepted.Issuers);
        Assert.Equal("上海思朗科技股份有限公司 科创板IPO: 已受理", accepted.Title);
        Assert.Equal("已受理", accepted.RawCategory);
        Assert.Equal([AnnouncementCategory.ListingApplication], accepted.Categories);
        Assert.Equal(new DateTimeOffset(2026, 7, 7, 17, 27, 14, TimeSpan.FromHours(8)), accepted.PublishedAt);
        Assert.Equal(new Uri("https://www.sse.com.cn/listing/renewal/ipo/index_listing_detail.shtml?auditId=2239"), accepted.Url);
    }

    [Fact]
    public void Main_board_projects_say_so()
    {
        var registration = SseIpoReviewParser.Parse(Fixture.Text("sse-ipo-review.jsonp")).Items[2];

        Assert.Equal("沈鼓集团股份有限公司 主板IPO: 提交注册", registration.Title);
        Assert.Equal([AnnouncementCategory.ListingHearingOrApproval], registration.Categories);
    }

    [Theory]
    [InlineData(1, "", "sse-ipo:926:1", "已受理", AnnouncementCategory.ListingApplication)]
    [InlineData(2, "", "sse-ipo:926:2", "已问询", AnnouncementCategory.Inquiry)]
    [InlineData(3, "", "sse-ipo:926:3:通过", "上市委会议 - 通过", AnnouncementCategory.ListingHearingOrApproval)]
    [InlineData(9, "", "sse-ipo:926:9:通过", "上市委审议 - 通过", AnnouncementCategory.ListingHearingOrApproval)]
    [InlineData(4, "", "sse-ipo:926:4:通过", "提交注册 - 通过", AnnouncementCategory.ListingHearingOrApproval)]
    [InlineData(5, "1", "sse-ipo:926:5:1:通过", "注册结果 - 注册生效", AnnouncementCategory.RegistrationEffective)]
    [InlineData(5, "3", "sse-ipo:926:5:3:通过", "注册结果 - 不予注册/终止注册", AnnouncementCategory.Withdrawal)]
    [InlineData(7, "", "sse-ipo:926:7", "中止", AnnouncementCategory.Other)]
    [InlineData(8, "", "sse-ipo:926:8", "终止", AnnouncementCategory.Withdrawal)]
    [InlineData(10, "", "sse-ipo:926:10", "补充审核", AnnouncementCategory.Other)]
    public void Every_status_change_is_its_own_event(int status, string registration, string id, string titleEnd, AnnouncementCategory category)
    {
        var committee = status is 1 or 2 or 7 or 8 or 10 ? "" : "通过";

        var announcement = Assert.Single(SseIpoReviewParser.Parse(Body(Row(status: status, registration: registration, committee: committee))).Items);

        Assert.Equal(id, announcement.Id);
        Assert.EndsWith(titleEnd, announcement.Title, StringComparison.Ordinal);
        Assert.Equal([category], announcement.Categories);
    }

    [Fact]
    public void A_listing_committee_verdict_on_an_unchanged_status_is_a_new_event()
    {
        var meeting = Assert.Single(SseIpoReviewParser.Parse(Body(Row(status: 3, committee: ""))).Items);
        var verdict = Assert.Single(SseIpoReviewParser.Parse(Body(Row(status: 3, committee: "通过"))).Items);

        Assert.NotEqual(meeting.Id, verdict.Id);
        Assert.EndsWith("上市委会议 - 通过", verdict.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Numbers_may_arrive_as_strings_and_strings_as_numbers()
    {
        var row = """{"updateDate":"20260929173015","stockAuditName":"甲公司科创板IPO项目","currStatus":"5","stockAuditNum":926,"issueMarketType":1,"registeResult":1}""";

        Assert.Equal("sse-ipo:926:5:1", Assert.Single(SseIpoReviewParser.Parse(Body(row)).Items).Id);
    }

    [Fact]
    public void A_bad_row_is_reported_and_skipped()
    {
        var result = SseIpoReviewParser.Parse(Body(
            Row(number: "1"),
            Row(number: ""),
            Row(number: "3", updated: "2026-09-29"),
            """{"stockAuditNum":"4","stockAuditName":"乙公司","updateDate":"20260929173015"}""",
            Row(number: "5")));

        Assert.Equal(["sse-ipo:1:1", "sse-ipo:5:1"], result.Items.Select(a => a.Id));
        Assert.Equal(3, result.Problems.Count);
        Assert.Contains(result.Problems, p => p.Message.Contains("stockAuditNum", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Message.Contains("updateDate", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Message.Contains("currStatus", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("北京智谱华章科技股份有限公司科创板IPO项目", "北京智谱华章科技股份有限公司")]
    [InlineData("某某股份有限公司主板IPO项目", "某某股份有限公司")]
    [InlineData("中导光电设备股份有限公司", "中导光电设备股份有限公司")]
    public void Project_suffixes_are_stripped_from_the_company_name(string auditName, string company) =>
        Assert.Equal(company, SseIpoStatus.CompanyName(auditName));

    [Theory]
    [InlineData("<html>bot check</html>")]
    [InlineData("jsonpCallback1({\"result\":[{\"stockAuditNum\":)")]
    [InlineData("jsonpCallback1({\"actionErrors\":[]})")]
    public void A_malformed_response_is_a_clear_error(string body)
    {
        var result = SseIpoReviewParser.Parse(body);

        Assert.True(result.IsMalformed);
        Assert.StartsWith("SSE IPO review list response", result.Error, StringComparison.Ordinal);
    }

    private static string Body(params string[] rows) =>
        "jsonpCallback1({\"actionErrors\":[],\"pageHelp\":{\"data\":[]},\"result\":[" + string.Join(",", rows) + "]})";

    private static string Row(string number = "926", int status = 1, string registration = "", string committee = "", string updated = "20260929173015") =>
        $$"""{"updateDate":"{{updated}}","stockAuditName":"甲公司科创板IPO项目","currStatus":{{status}},"stockAuditNum":"{{number}}","issueMarketType":1,"commitiResult":"{{committee}}","registeResult":"{{registration}}"}""";
}
