using Alerts.Core.Model;
using Alerts.Sources.Hkex;

namespace Alerts.Sources.Tests.Hkex;

public class HkexTitleSearchParserTests
{
    [Fact]
    public void Reads_the_double_encoded_result()
    {
        var result = HkexTitleSearchParser.Parse(Fixture.Text("hkex-title-search.json"), "zh-Hant");

        Assert.False(result.IsMalformed);
        var announcement = Assert.Single(result.Items);
        Assert.Equal("hkex:11650832", announcement.Id);
        Assert.Equal([new IssuerRef("HKEX", "01522", "京投交通科技")], announcement.Issuers);
        Assert.Equal("2024年報", announcement.Title);
        Assert.Equal(new DateTimeOffset(2025, 4, 29, 17, 0, 0, TimeSpan.FromHours(8)), announcement.PublishedAt);
        Assert.Equal(new Uri("https://www1.hkexnews.hk/listedco/listconews/sehk/2025/0429/2025042901727_c.pdf"), announcement.Url);
        Assert.Equal([AnnouncementCategory.Results], announcement.Categories);
    }

    [Theory]
    [InlineData("{\"result\":null,\"recordCnt\":0}")]
    [InlineData("{\"result\":\"null\",\"recordCnt\":0}")]
    [InlineData("{\"result\":\"\",\"recordCnt\":0}")]
    [InlineData("{\"result\":\"[]\",\"recordCnt\":0}")]
    [InlineData("{\"result\":\" [ ] \",\"recordCnt\":0}")]
    public void Every_empty_result_variant_means_no_rows(string json)
    {
        var result = HkexTitleSearchParser.Parse(json, "en");

        Assert.False(result.IsMalformed);
        Assert.Empty(result.Items);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Multi_issuer_rows_split_codes_and_names_on_br()
    {
        var announcement = Assert.Single(HkexTitleSearchParser.Parse(Servlet(Row(code: "01346<br/>02513<br/>", name: "LEVER STYLE<br/>KNOWLEDGE ATLAS<br/>")), "en").Items);

        Assert.Equal(
            [new IssuerRef("HKEX", "01346", "LEVER STYLE"), new IssuerRef("HKEX", "02513", "KNOWLEDGE ATLAS")],
            announcement.Issuers);
    }

    [Fact]
    public void Titles_are_html_fragments_sometimes_escaped_twice()
    {
        var announcement = Assert.Single(HkexTitleSearchParser.Parse(Servlet(Row(title: "Final Results &amp;#x2f; Dividend &lt;br&gt;2026")), "en").Items);

        Assert.Equal("Final Results / Dividend 2026", announcement.Title);
    }

    [Fact]
    public void Rows_repeated_per_issuer_become_one_announcement()
    {
        var json = Servlet(Row(code: "00939", name: "CCB"), Row(code: "01398", name: "ICBC"));

        var announcement = Assert.Single(HkexTitleSearchParser.Parse(json, "en").Items);

        Assert.Equal(["00939", "01398"], announcement.Issuers.Select(i => i.Code));
    }

    [Fact]
    public void A_bad_row_is_reported_and_skipped()
    {
        var result = HkexTitleSearchParser.Parse(Servlet(Row(newsId: "11650832"), Row(newsId: "11650833", date: "2025-04-29 17:00")), "en");

        Assert.Single(result.Items);
        var problem = Assert.Single(result.Problems);
        Assert.Contains("DATE_TIME", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<html>error</html>", "response is not valid JSON")]
    [InlineData("{\"hasNextRow\":false}", "no result field")]
    [InlineData("{\"result\":\"[{\\\"NEWS_ID\\\":\"}", "result string is not valid JSON")]
    [InlineData("{\"result\":\"{}\"}", "not a JSON array")]
    [InlineData("{\"result\":42}", "not a string")]
    public void A_malformed_response_is_a_clear_error(string json, string expected)
    {
        var result = HkexTitleSearchParser.Parse(json, "en");

        Assert.True(result.IsMalformed);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    private static string Servlet(params string[] rows)
    {
        var inner = "[" + string.Join(",", rows) + "]";
        return "{\"result\":" + System.Text.Json.JsonSerializer.Serialize(inner) + ",\"hasNextRow\":false,\"recordCnt\":" + rows.Length + "}";
    }

    private static string Row(string newsId = "11650832", string code = "01522", string name = "BJ TRANS", string title = "Annual Report", string date = "29/04/2025 17:00") =>
        $$"""{"NEWS_ID":"{{newsId}}","STOCK_CODE":"{{code}}","STOCK_NAME":"{{name}}","TITLE":"{{title}}","LONG_TEXT":"Financial Statements","DATE_TIME":"{{date}}","FILE_LINK":"/listedco/listconews/sehk/2025/0429/2025042901727.pdf"}""";
}
