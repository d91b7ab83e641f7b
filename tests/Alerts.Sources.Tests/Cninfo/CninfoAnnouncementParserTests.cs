using Alerts.Core.Model;
using Alerts.Sources.Cninfo;

namespace Alerts.Sources.Tests.Cninfo;

public class CninfoAnnouncementParserTests
{
    [Fact]
    public void Reads_the_captured_record()
    {
        var announcement = Assert.Single(CninfoAnnouncementParser.Parse(Fixture.Text("cninfo-query.json")).Items);

        Assert.Equal("cninfo:1205488844", announcement.Id);
        Assert.Equal([new IssuerRef("SSE", "600231", "凌钢股份")], announcement.Issuers);
        Assert.Equal("2018年第三季度报告", announcement.Title);
        Assert.Equal([AnnouncementCategory.Results], announcement.Categories);
        Assert.Equal(new Uri("http://static.cninfo.com.cn/finalpage/2018-10-10/1205488844.PDF"), announcement.Url);
        // 1539100800000 ms is midnight 10 October 2018 in Beijing.
        Assert.Equal(new DateTimeOffset(2018, 10, 10, 0, 0, 0, TimeSpan.FromHours(8)), announcement.PublishedAt);
        Assert.Equal(TimeSpan.FromHours(8), announcement.PublishedAt.Offset);
    }

    [Fact]
    public void Highlight_tags_are_stripped_from_titles()
    {
        var json = """{"totalAnnouncement":1,"announcements":[{"announcementId":"1","secCode":"002594","secName":"比亚迪","announcementTitle":"<em>比亚迪</em>：2026年半年度报告","announcementTime":1790754967000}]}""";

        var announcement = Assert.Single(CninfoAnnouncementParser.Parse(json).Items);

        Assert.Equal("比亚迪：2026年半年度报告", announcement.Title);
        Assert.Equal("SZSE", announcement.Issuers[0].Exchange);
        Assert.Equal(new DateTimeOffset(2026, 9, 30, 15, 56, 7, TimeSpan.FromHours(8)), announcement.PublishedAt);
    }

    [Theory]
    [InlineData("600000", "SSE")]
    [InlineData("688256", "SSE")]
    [InlineData("900901", "SSE")]
    [InlineData("000001", "SZSE")]
    [InlineData("300750", "SZSE")]
    [InlineData("430047", "BSE")]
    [InlineData("830799", "BSE")]
    [InlineData("920002", "BSE")]
    [InlineData("00700", "HKEX")]
    [InlineData("AAPL", null)]
    [InlineData("", null)]
    public void The_code_gives_the_exchange(string code, string? exchange) => Assert.Equal(exchange, CninfoAnnouncementParser.ExchangeOf(code));

    [Theory]
    [InlineData("""{"totalAnnouncement":0,"announcements":null}""", false)]
    [InlineData("""{"totalAnnouncement":74,"announcements":null}""", true)]
    [InlineData("""{"error":"限流"}""", true)]
    [InlineData("限流", true)]
    public void A_missing_page_with_a_total_is_an_outage(string json, bool malformed) =>
        Assert.Equal(malformed, CninfoAnnouncementParser.Parse(json).IsMalformed);
}
