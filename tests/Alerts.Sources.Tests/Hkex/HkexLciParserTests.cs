using Alerts.Core.Model;
using Alerts.Sources.Hkex;

namespace Alerts.Sources.Tests.Hkex;

public class HkexLciParserTests
{
    [Fact]
    public void Reads_the_captured_feed_page()
    {
        var result = HkexLciParser.Parse(Fixture.Text("hkex-lci-near-verbatim.json"), "en");

        Assert.False(result.IsMalformed);
        Assert.Empty(result.Problems);
        var announcement = Assert.Single(result.Items);
        Assert.Equal("hkex:202604102255-01906-11200+11300-1", announcement.Id);
        Assert.Equal("hkex", announcement.Source);
        Assert.Equal("202604102255-01906-11200+11300-1", announcement.SourceId);
        Assert.Equal([new IssuerRef("HKEX", "01906", "BONNY HLDG")], announcement.Issuers);
        Assert.Equal("(1) Very Substantial Disposal and Connected Transaction - Disposal of a Subsidiary", announcement.Title);
        Assert.Equal("en", announcement.Language);
        Assert.Equal("Announcements and Notices - [Very Substantial Disposal / Connected Transaction]", announcement.RawCategory);
        Assert.Equal(new Uri("https://www1.hkexnews.hk/listedco/listconews/sehk/2026/0410/2026041001769.pdf"), announcement.Url);
        Assert.Equal(new DateTimeOffset(2026, 4, 10, 22, 55, 0, TimeSpan.FromHours(8)), announcement.PublishedAt);
        Assert.Equal([AnnouncementCategory.Other], announcement.Categories);
    }

    [Fact]
    public void Reads_the_captured_chinese_row()
    {
        var announcement = Assert.Single(HkexLciParser.Parse(Fixture.Text("hkex-lci-chinese-row.json"), "zh-Hant").Items);

        Assert.Equal("hkex:202607210759-00388-x-1", announcement.Id);
        Assert.Equal("zh-Hant", announcement.Language);
        Assert.Equal([new IssuerRef("HKEX", "00388", "香港交易所")], announcement.Issuers);
        Assert.Equal("公告及通告 - [內幕消息]", announcement.RawCategory);
        Assert.Equal(new DateTimeOffset(2026, 7, 21, 7, 59, 0, TimeSpan.FromHours(8)), announcement.PublishedAt);
    }

    [Fact]
    public void RelTime_is_day_first_hong_kong_time()
    {
        var announcement = Assert.Single(Parse(Row(relTime: "03/04/2026 09:15")).Items);

        Assert.Equal(new DateTimeOffset(2026, 4, 3, 1, 15, 0, TimeSpan.Zero), announcement.PublishedAt.ToUniversalTime());
        Assert.Equal(TimeSpan.FromHours(8), announcement.PublishedAt.Offset);
    }

    [Theory]
    [InlineData("\"10000\"", "\"11200,11300\"", new[] { AnnouncementCategory.Other })]
    [InlineData("\"10000\"", "\"13300, 13400\"", new[] { AnnouncementCategory.Results })]
    [InlineData("\"30000\"", "\"NaN\"", new[] { AnnouncementCategory.Prospectus })]
    [InlineData("\"30000\"", "\"30700\"", new[] { AnnouncementCategory.Prospectus })]
    [InlineData("\"91000\"", "\"91100\"", new[] { AnnouncementCategory.ListingHearingOrApproval })]
    [InlineData("\"91000\"", "\"91200\"", new[] { AnnouncementCategory.ListingApplication })]
    [InlineData("\"91000\"", "null", new[] { AnnouncementCategory.ListingApplication })]
    [InlineData("\"NaN\"", "\"NaN\"", new[] { AnnouncementCategory.Other })]
    [InlineData("91000", "91200", new[] { AnnouncementCategory.ListingApplication })]
    public void Headline_codes_classify_with_tier2_first(string t1, string t2, AnnouncementCategory[] expected)
    {
        var announcement = Assert.Single(Parse(Row(title: "Document", t1: t1, t2: t2)).Items);

        Assert.Equal(expected, announcement.Categories);
    }

    [Fact]
    public void Joint_announcements_name_every_issuer()
    {
        var stocks = "[{\"sc\":\"00939\",\"sn\":\"CCB\"},{\"sc\":\"01398\",\"sn\":\"ICBC\"},{\"sc\":\"03988\",\"sn\":\"BANK OF CHINA\"}]";

        var announcement = Assert.Single(Parse(Row(stock: stocks)).Items);

        Assert.Equal(["00939", "01398", "03988"], announcement.Issuers.Select(i => i.Code));
        Assert.All(announcement.Issuers, i => Assert.Equal("HKEX", i.Exchange));
    }

    [Fact]
    public void Html_entities_in_titles_and_names_are_decoded()
    {
        var announcement = Assert.Single(Parse(Row(title: "Results &amp; Dividend", stock: "[{\"sc\":\"08001\",\"sn\":\"A&amp;B HLDGS\"}]")).Items);

        Assert.Equal("Results & Dividend", announcement.Title);
        Assert.Equal("A&B HLDGS", announcement.Issuers[0].Name);
    }

    [Fact]
    public void The_two_language_versions_of_a_document_have_one_id_though_their_news_ids_differ()
    {
        var english = Assert.Single(HkexLciParser.Parse(Feed(Row(newsId: "12305512", title: "Proposed Issuance of A Shares")), "en").Items);
        var chinese = Assert.Single(HkexLciParser.Parse(Feed(Row(newsId: "12305513", title: "建議發行A股")), "zh-Hant").Items);

        Assert.Equal(english.Id, chinese.Id);
        Assert.NotEqual(english.Language, chinese.Language);
    }

    [Fact]
    public void Documents_sharing_minute_codes_and_headlines_are_told_apart_by_news_id_order()
    {
        var english = HkexLciParser.Parse(Feed(Row(newsId: "20", title: "Second"), Row(newsId: "10", title: "First")), "en").Items;
        var chinese = HkexLciParser.Parse(Feed(Row(newsId: "11", title: "第一"), Row(newsId: "21", title: "第二")), "zh-Hant").Items;

        Assert.Equal(2, english.Select(a => a.Id).Distinct().Count());
        Assert.Equal(english.Single(a => a.Title == "First").Id, chinese.Single(a => a.Title == "第一").Id);
        Assert.Equal(english.Single(a => a.Title == "Second").Id, chinese.Single(a => a.Title == "第二").Id);
    }

    [Theory]
    [InlineData("10/04/2026 22:56", "\"11200\"", "[{\"sc\":\"01906\",\"sn\":\"X\"}]")]
    [InlineData("10/04/2026 22:55", "\"11300\"", "[{\"sc\":\"01906\",\"sn\":\"X\"}]")]
    [InlineData("10/04/2026 22:55", "\"11200\"", "[{\"sc\":\"01907\",\"sn\":\"X\"}]")]
    public void A_different_minute_stock_or_headline_is_a_different_document(string relTime, string t2, string stock)
    {
        var first = Assert.Single(Parse(Row()).Items);
        var other = Assert.Single(Parse(Row(relTime: relTime, t2: t2, stock: stock)).Items);

        Assert.NotEqual(first.Id, other.Id);
    }

    [Fact]
    public void Joint_announcements_get_the_same_id_whatever_order_the_stocks_are_listed_in()
    {
        var one = Assert.Single(Parse(Row(stock: "[{\"sc\":\"00939\"},{\"sc\":\"01398\"}]", t2: "\"11300,11200\"")).Items);
        var other = Assert.Single(Parse(Row(stock: "[{\"sc\":\"01398\"},{\"sc\":\"00939\"}]", t2: "\"11200,11300\"")).Items);

        Assert.Equal(one.Id, other.Id);
    }

    [Theory]
    [InlineData("https://www1.hkexnews.hk/ncms/json/eds/lcisehk1relsde_1.json", "https://www1.hkexnews.hk/ncms/json/eds/lcisehk1relsdc_1.json")]
    [InlineData("https://www1.hkexnews.hk/ncms/json/eds/lcigem1relsdc_2.json", "https://www1.hkexnews.hk/ncms/json/eds/lcigem1relsde_2.json")]
    public void The_twin_file_is_the_other_language(string url, string twin) =>
        Assert.Equal(new Uri(twin), HkexLciParser.OtherLanguageOf(new Uri(url)));

    [Fact]
    public void A_file_whose_name_says_no_language_has_no_twin() =>
        Assert.Null(HkexLciParser.OtherLanguageOf(new Uri("http://127.0.0.1:5000/feed.json")));

    [Theory]
    [InlineData("https://www1.hkexnews.hk/ncms/json/eds/lcisehk1relsde_1.json", "en")]
    [InlineData("https://www1.hkexnews.hk/ncms/json/eds/lcisehk1relsdc_1.json", "zh-Hant")]
    [InlineData("https://www1.hkexnews.hk/ncms/json/eds/lcigem7relsdc_3.json", "zh-Hant")]
    [InlineData("http://127.0.0.1:5000/feed", "en")]
    public void The_feed_file_name_gives_the_language(string url, string expected) =>
        Assert.Equal(expected, HkexLciParser.LanguageOf(new Uri(url)));

    [Fact]
    public void A_bad_row_is_skipped_and_reported_while_the_rest_is_kept()
    {
        var json = Feed(
            Row(newsId: "1"),
            Row(newsId: "2", relTime: "2026-04-10 22:55"),
            Row(newsId: "\"abc\""),
            Row(newsId: "null"),
            Row(newsId: "5", title: ""),
            "42",
            Row(newsId: "7"));

        var result = HkexLciParser.Parse(json, "en");

        Assert.False(result.IsMalformed);
        Assert.Equal(["hkex:202604102255-01906-11200-1", "hkex:202604102255-01906-11200-2"], result.Items.Select(a => a.Id));
        Assert.Equal(5, result.Problems.Count);
        Assert.Contains(result.Problems, p => p.Where == "newsInfoLst[1]" && p.Message.Contains("dd/MM/yyyy HH:mm", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Where == "newsInfoLst[3]" && p.Message.Contains("newsId", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    [InlineData("{\"newsInfoLst\":[{\"newsId\":1,")]
    [InlineData("{\"genDate\":\"1\"}")]
    [InlineData("{\"newsInfoLst\":{}}")]
    [InlineData("[]")]
    public void A_malformed_document_is_an_error_result_not_an_exception(string json)
    {
        var result = HkexLciParser.Parse(json, "en");

        Assert.True(result.IsMalformed);
        Assert.Contains("HKEX LCI feed", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Items);
    }

    [Fact]
    public void An_empty_page_is_not_an_error()
    {
        var result = HkexLciParser.Parse("{\"genDate\":\"1\",\"maxNumOfFile\":1,\"newsInfoLst\":[]}", "en");

        Assert.False(result.IsMalformed);
        Assert.Empty(result.Items);
    }

    private static Alerts.Sources.Parsing.ParseResult<Announcement> Parse(string row) => HkexLciParser.Parse(Feed(row), "en");

    private static string Feed(params string[] rows) => "{\"genDate\":\"1775836800475\",\"maxNumOfFile\":1,\"newsInfoLst\":[" + string.Join(",", rows) + "]}";

    private static string Row(
        string newsId = "12102478",
        string title = "A title",
        string relTime = "10/04/2026 22:55",
        string t1 = "\"10000\"",
        string t2 = "\"11200\"",
        string stock = "[{\"sc\":\"01906\",\"sn\":\"BONNY HLDG\"}]") =>
        $$"""{"newsId":{{newsId}},"lTxt":"Announcements and Notices - [X]","title":"{{title}}","ext":"pdf","webPath":"/listedco/listconews/sehk/2026/0410/1.pdf","market":"SEHK","stock":{{stock}},"relTime":"{{relTime}}","t1Code":{{t1}},"t2Code":{{t2}}}""";
}
