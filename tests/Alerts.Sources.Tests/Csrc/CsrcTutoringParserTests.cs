using Alerts.Core.Model;
using Alerts.Sources.Csrc;

namespace Alerts.Sources.Tests.Csrc;

public class CsrcTutoringParserTests
{
    [Fact]
    public void Reads_the_eight_column_table()
    {
        var result = CsrcTutoringParser.Parse(Fixture.Text("csrc-tutoring.html"));

        Assert.False(result.IsMalformed);
        Assert.Empty(result.Problems);
        Assert.Equal(2, result.Items.Count);
        var first = result.Items[0];
        Assert.Equal("csrc:/mnt/storage/stock/pre_ipo/2026/8/28/3b0e2a9f6c1d4e58.pdf", first.Id);
        Assert.Equal("csrc", first.Source);
        Assert.Equal("/mnt/storage/stock/pre_ipo/2026/8/28/3b0e2a9f6c1d4e58.pdf", first.SourceId);
        Assert.Equal([new IssuerRef("CSRC", null, "深圳市鸿富诚新材料股份有限公司")], first.Issuers);
        Assert.Equal("关于深圳市鸿富诚新材料股份有限公司首次公开发行股票并上市辅导备案报告", first.Title);
        Assert.Equal("辅导备案 / 辅导备案报告", first.RawCategory);
        Assert.Equal([AnnouncementCategory.IpoTutoring, AnnouncementCategory.TutoringFiled], first.Categories);
        Assert.Equal([AnnouncementCategory.IpoTutoring, AnnouncementCategory.TutoringAccepted], result.Items[1].Categories);
        Assert.Equal(new Uri("http://eid.csrc.gov.cn/mnt/storage/stock/pre_ipo/2026/8/28/3b0e2a9f6c1d4e58.pdf"), first.Url);
    }

    [Fact]
    public void The_disclosure_date_comes_from_the_pdf_path_not_the_filing_date()
    {
        var result = CsrcTutoringParser.Parse(Fixture.Text("csrc-tutoring.html"));

        Assert.Equal(new DateTimeOffset(2026, 8, 28, 0, 0, 0, TimeSpan.FromHours(8)), result.Items[0].PublishedAt);
        // Path /pre_ipo/2026/1/5/: no zero padding; the row's 备案时间 is 2025-06-20.
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.FromHours(8)), result.Items[1].PublishedAt);
    }

    [Fact]
    public void Without_a_date_in_the_path_the_filing_date_is_used()
    {
        var result = CsrcTutoringParser.Parse(Page(Row("/mnt/storage/stock/other/report.pdf", filedOn: "2026-03-10")));

        Assert.Equal(new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.FromHours(8)), Assert.Single(result.Items).PublishedAt);
    }

    [Fact]
    public void A_plain_link_to_the_pdf_also_works()
    {
        var row = "<tr><td>1</td><td>甲公司</td><td>乙证券</td><td>2026-03-10</td><td>辅导中</td><td>北京证监局</td><td>辅导工作进展报告</td>"
            + "<td><a href=\"/mnt/storage/stock/pre_ipo/2026/9/1/a.pdf\">报告</a></td></tr>";

        Assert.Equal("/mnt/storage/stock/pre_ipo/2026/9/1/a.pdf", Assert.Single(CsrcTutoringParser.Parse(Page(row)).Items).SourceId);
    }

    [Fact]
    public void Bad_rows_are_reported_and_skipped()
    {
        var sevenColumns = "<tr><td>2</td><td>甲公司</td><td>乙证券</td><td>2026-03-10</td><td>辅导中</td><td>北京证监局</td><td>报告</td></tr>";
        var noPdf = "<tr><td>3</td><td>丙公司</td><td>乙证券</td><td>2026-03-10</td><td>辅导中</td><td>北京证监局</td><td>辅导工作进展报告</td><td>报告</td></tr>";
        var noDate = Row("/mnt/storage/stock/other/x.pdf", filedOn: "待定");

        var result = CsrcTutoringParser.Parse(Page(Row("/mnt/storage/stock/pre_ipo/2026/9/1/a.pdf"), sevenColumns, noPdf, noDate));

        Assert.Single(result.Items);
        Assert.Equal(3, result.Problems.Count);
        Assert.Contains(result.Problems, p => p.Message.Contains("expected 8 columns, found 7", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Message.Contains("no report PDF path", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Message.Contains("no disclosure date", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html><body><h1>502 Bad Gateway</h1></body></html>")]
    [InlineData("<html><body><table><tr><td>x</td></tr></table></body></html>")]
    public void A_page_without_the_table_is_a_clear_error(string html)
    {
        var result = CsrcTutoringParser.Parse(html);

        Assert.True(result.IsMalformed);
        Assert.Contains("no tutoring table", result.Error, StringComparison.Ordinal);
    }

    private static string Page(params string[] rows) =>
        "<html><body><table class=\"m-table2\"><tr><td>序号</td><td>辅导对象</td><td>辅导机构</td><td>备案时间</td><td>辅导状态</td><td>派出机构</td><td>报告类型</td><td>报告标题</td></tr>"
        + string.Concat(rows) + "</table></body></html>";

    private static string Row(string pdfPath, string filedOn = "2026-03-10") =>
        $"<tr><td>1</td><td>甲公司</td><td>乙证券</td><td>{filedOn}</td><td>辅导中</td><td>北京证监局</td><td>辅导工作进展报告</td>"
        + $"<td><a href=\"javascript:;\" onclick=\"downloadPdf1('{pdfPath}')\">报告</a></td></tr>";
}
