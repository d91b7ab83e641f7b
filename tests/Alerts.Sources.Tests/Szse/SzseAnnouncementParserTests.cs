using Alerts.Core.Model;
using Alerts.Sources.Szse;

namespace Alerts.Sources.Tests.Szse;

public class SzseAnnouncementParserTests
{
    [Fact]
    public void Reads_the_documented_shape()
    {
        var result = SzseAnnouncementParser.Parse(Fixture.Text("szse-annlist.json"));

        Assert.Empty(result.Problems);
        var announcement = Assert.Single(result.Items);
        Assert.Equal("szse:c7427842-879c-4dcb-a2f2-7db95d3b10bf", announcement.Id);
        Assert.Equal([new IssuerRef("SZSE", "300308", "中际旭创")], announcement.Issuers);
        Assert.Equal("中际旭创：2025年年度报告", announcement.Title);
        Assert.Equal([AnnouncementCategory.Results], announcement.Categories);
        Assert.Equal("010301", announcement.RawCategory);
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 0, 0, 0, TimeSpan.FromHours(8)), announcement.PublishedAt);
        Assert.Equal(
            new Uri("https://disc.static.szse.cn/download/disc/disk03/finalpage/2026-03-31/c7427842-879c-4dcb-a2f2-7db95d3b10bf.PDF"),
            announcement.Url);
    }

    [Fact]
    public void Several_securities_become_several_issuers()
    {
        var json = """{"announceCount":1,"data":[{"id":"x","title":"比亚迪：关于发行债券的公告","publishTime":"2026-08-08 18:30:00","secCode":["002594","149999"],"secName":["比亚迪","22比亚迪01"]}]}""";

        var announcement = Assert.Single(SzseAnnouncementParser.Parse(json).Items);

        Assert.Equal(["002594", "149999"], announcement.Issuers.Select(i => i.Code));
        Assert.Equal(new DateTimeOffset(2026, 8, 8, 18, 30, 0, TimeSpan.FromHours(8)), announcement.PublishedAt);
    }

    [Fact]
    public void A_bad_row_is_reported_and_skipped()
    {
        var json = """{"announceCount":2,"data":[{"id":"a","title":"t","publishTime":"2026/08/08"},{"id":"b","title":"t","publishTime":"2026-08-08 00:00:00"}]}""";

        var result = SzseAnnouncementParser.Parse(json);

        Assert.Equal("szse:b", Assert.Single(result.Items).Id);
        Assert.Contains("publishTime", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"announceCount":0,"data":null}""", false)]
    [InlineData("""{"announceCount":0,"data":[]}""", false)]
    [InlineData("""{"announceCount":12,"data":null}""", true)]
    [InlineData("""{"code":"403"}""", true)]
    [InlineData("<html/>", true)]
    public void Empty_is_not_an_outage(string json, bool malformed) => Assert.Equal(malformed, SzseAnnouncementParser.Parse(json).IsMalformed);
}
