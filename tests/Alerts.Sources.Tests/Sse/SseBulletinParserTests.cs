using Alerts.Core.Model;
using Alerts.Sources.Sse;

namespace Alerts.Sources.Tests.Sse;

public class SseBulletinParserTests
{
    [Fact]
    public void Reads_the_captured_page_of_groups_and_folds_attachments()
    {
        var result = SseBulletinParser.Parse(Fixture.Text("sse-bulletins-new.jsonp"));

        Assert.False(result.IsMalformed);
        Assert.Empty(result.Problems);
        Assert.Equal(["sse:6848117673426945", "sse:6748117673289757", "sse:6648117673182288"], result.Items.Select(a => a.Id));
        var board = result.Items[2];
        Assert.Equal("大恒新纪元科技股份有限公司第九届董事会第二十次会议决议公告", board.Title);
        Assert.Equal(new Uri("https://static.sse.com.cn/disclosure/listedinfo/announcement/c/new/2026-08-08/600288_20260808_FQ9T.pdf"), board.Url);
    }

    [Fact]
    public void Maps_the_fields_of_a_bulletin()
    {
        var first = SseBulletinParser.Parse(Fixture.Text("sse-bulletins-new.jsonp")).Items[0];

        Assert.Equal("sse", first.Source);
        Assert.Equal("6848117673426945", first.SourceId);
        Assert.Equal([new IssuerRef("SSE", "600011", "华能国际")], first.Issuers);
        Assert.Equal("华能国际关于第十期中期票据发行的公告", first.Title);
        Assert.Equal("zh-Hans", first.Language);
        Assert.Equal("其他再融资", first.RawCategory);
        Assert.Equal(new Uri("https://static.sse.com.cn/disclosure/listedinfo/announcement/c/new/2026-08-08/600011_20260808_MFAI.pdf"), first.Url);
    }

    [Fact]
    public void SSEDATE_is_a_date_so_the_time_is_midnight_beijing()
    {
        var first = SseBulletinParser.Parse(Fixture.Text("sse-bulletins-new.jsonp")).Items[0];

        Assert.Equal(new DateTimeOffset(2026, 8, 8, 0, 0, 0, TimeSpan.FromHours(8)), first.PublishedAt);
    }

    [Fact]
    public void Reads_the_legacy_flat_array()
    {
        var result = SseBulletinParser.Parse(Fixture.Text("sse-bulletins-legacy.jsonp"));

        var announcement = Assert.Single(result.Items);
        Assert.Equal("/disclosure/listedinfo/announcement/c/2015-03-30/600258_2014_n.pdf", announcement.SourceId);
        Assert.Equal("首旅酒店年报", announcement.Title);
        Assert.Equal("年报", announcement.RawCategory);
        Assert.Equal([AnnouncementCategory.Results], announcement.Categories);
        Assert.Equal(new DateTimeOffset(2015, 3, 31, 0, 0, 0, TimeSpan.FromHours(8)), announcement.PublishedAt);
    }

    [Fact]
    public void A_group_of_only_an_attachment_still_yields_the_document()
    {
        var body = "cb({\"result\":[[" + Row("1", fileType: 1) + "]]})";

        Assert.Equal("sse:1", Assert.Single(SseBulletinParser.Parse(body).Items).Id);
    }

    [Fact]
    public void A_bad_row_is_reported_and_skipped()
    {
        var body = "cb({\"pageHelp\":{\"data\":[[" + Row("1") + "],[" + Row("2", date: "08/08/2026") + "],\"junk\",[" + Row("3") + "]]}})";

        var result = SseBulletinParser.Parse(body);

        Assert.Equal(["sse:1", "sse:3"], result.Items.Select(a => a.Id));
        Assert.Equal(2, result.Problems.Count);
        Assert.Contains(result.Problems, p => p.Where == "data[1]" && p.Message.Contains("SSEDATE", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html><title>aliyun waf</title></html>")]
    [InlineData("jsonpCallback1({\"pageHelp\":{\"data\":[[{\"ORG_BULLETIN_ID\":")]
    [InlineData("jsonpCallback1({\"actionErrors\":[\"ExceptionInterceptor\"]})")]
    public void A_malformed_response_is_a_clear_error(string body)
    {
        var result = SseBulletinParser.Parse(body);

        Assert.True(result.IsMalformed);
        Assert.StartsWith("SSE bulletin response", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_page_is_empty_not_an_error()
    {
        var result = SseBulletinParser.Parse("jsonpCallback1({\"pageHelp\":{\"data\":[],\"total\":0},\"result\":[]})");

        Assert.False(result.IsMalformed);
        Assert.Empty(result.Items);
    }

    private static string Row(string id, int fileType = 0, string date = "2026-08-08") =>
        $$"""{"ORG_BULLETIN_ID":"{{id}}","ORG_FILE_TYPE":{{fileType}},"SECURITY_CODE":"600000","SECURITY_NAME":"浦发银行","SSEDATE":"{{date}}","TITLE":"公告{{id}}","URL":"\/disclosure\/{{id}}.pdf","BULLETIN_TYPE_DESC":"其他"}""";
}
