using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Alerts.Core.Model;
using Alerts.Sources.Categories;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Csrc;

/// <summary>
/// Parses a page of the CSRC IPO tutoring disclosure list (<c>http://eid.csrc.gov.cn/csrcfd/index.html</c>): an 8-column
/// table 序号 / 辅导对象 / 辅导机构 / 备案时间 / 辅导状态 / 派出机构 / 报告类型 / 报告标题. The disclosure date exists only in
/// the report's PDF path (<c>/pre_ipo/YYYY/M/D/</c>), and the PDF path is the row's stable id.
/// </summary>
public static partial class CsrcTutoringParser
{
    public const string Source = "csrc";
    public const string Exchange = "CSRC";
    public const string Language = "zh-Hans";

    /// <summary>PDFs live under the site root, not under /csrcfd (which 404s).</summary>
    public static readonly Uri DocumentHost = new("http://eid.csrc.gov.cn");

    private const int ColumnCount = 8;

    public static ParseResult<Announcement> Parse(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        using var document = new HtmlParser().ParseDocument(html);
        var table = document.QuerySelector("table.m-table2")
            ?? document.QuerySelectorAll("table").FirstOrDefault(t => t.TextContent.Contains("辅导对象", StringComparison.Ordinal));
        if (table is null)
        {
            return ParseResult<Announcement>.Malformed("CSRC tutoring page has no tutoring table (an error page, or the layout changed)");
        }

        var collected = new ParseCollector<Announcement>();
        var index = 0;
        foreach (var row in table.QuerySelectorAll("tr"))
        {
            var where = $"tr[{index++}]";
            var cells = row.Children.Where(c => c.LocalName is "td" or "th").ToList();
            if (cells.Count == 0 || cells.All(c => c.LocalName == "th") || Text(cells[0]) == "序号")
            {
                continue;
            }

            if (cells.Count != ColumnCount)
            {
                collected.Problem(where, $"expected {ColumnCount} columns, found {cells.Count}");
                continue;
            }

            var problem = TryMap(row, cells, out var announcement);
            if (problem is null)
            {
                collected.Add(announcement!);
            }
            else
            {
                collected.Problem(where, problem);
            }
        }

        return collected.ToResult();
    }

    private static string? TryMap(IElement row, List<IElement> cells, out Announcement? announcement)
    {
        announcement = null;
        var company = Text(cells[1]);
        var filedOn = Text(cells[3]);
        var status = Text(cells[4]);
        var reportType = Text(cells[6]);
        var reportTitle = Text(cells[7]);
        if (company.Length == 0)
        {
            return "missing 辅导对象 (company)";
        }

        var pdfPath = PdfPath(row);
        if (pdfPath is null)
        {
            return $"{company}: no report PDF path in the row";
        }

        if (!TryDisclosureDate(pdfPath, filedOn, out var published))
        {
            return $"{company}: no disclosure date in PDF path '{pdfPath}' and 备案时间 '{filedOn}' is not yyyy-MM-dd";
        }

        announcement = Announcement.Create(
            Source,
            pdfPath,
            [new IssuerRef(Exchange, null, company)],
            reportTitle.Length > 0 ? reportTitle : company + reportType,
            Language,
            AnnouncementClassifier.Classify(null, [SourceCodes.CsrcTutoring, SourceCodes.CsrcTutoringStatus(status)]),
            string.Join(" / ", new[] { status, reportType }.Where(s => s.Length > 0)),
            Urls.Join(DocumentHost, pdfPath),
            published);
        return null;
    }

    private static string? PdfPath(IElement row)
    {
        var call = DownloadCall().Match(row.OuterHtml);
        if (call.Success)
        {
            return call.Groups["path"].Value.Trim();
        }

        return row.QuerySelectorAll("a[href]")
            .Select(a => a.GetAttribute("href")!.Trim())
            .FirstOrDefault(href => href.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase));
    }

    private static bool TryDisclosureDate(string pdfPath, string filedOn, out DateTimeOffset value)
    {
        var match = DateInPath().Match(pdfPath);
        if (match.Success
            && int.TryParse(match.Groups["y"].Value, CultureInfo.InvariantCulture, out var year)
            && int.TryParse(match.Groups["m"].Value, CultureInfo.InvariantCulture, out var month)
            && int.TryParse(match.Groups["d"].Value, CultureInfo.InvariantCulture, out var day)
            && month is >= 1 and <= 12
            && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            value = ChinaTime.StartOf(new DateOnly(year, month, day));
            return true;
        }

        return ChinaTime.TryParse(filedOn, "yyyy-MM-dd", out value);
    }

    private static string Text(IElement cell) => HtmlText.ToPlain(cell.TextContent);

    [GeneratedRegex(@"downloadPdf1\(\s*['""](?<path>[^'""]+)['""]")]
    private static partial Regex DownloadCall();

    [GeneratedRegex(@"/pre_ipo/(?<y>\d{4})/(?<m>\d{1,2})/(?<d>\d{1,2})/")]
    private static partial Regex DateInPath();
}
