using Alerts.Sources.Parsing;

namespace Alerts.Sources.Tests.Parsing;

public class HtmlTextTests
{
    [Theory]
    [InlineData("Results &amp; Dividend", "Results & Dividend")]
    [InlineData("Interim Results &amp;#x2f; Dividend", "Interim Results / Dividend")]
    [InlineData("<b>Annual</b>   Report\n2026", "Annual Report 2026")]
    [InlineData("美团－Ｗ", "美团－Ｗ")]
    [InlineData(null, "")]
    public void Turns_html_fragments_into_plain_text(string? html, string expected) => Assert.Equal(expected, HtmlText.ToPlain(html));

    [Theory]
    [InlineData("01346<br/>", new[] { "01346", "" })]
    [InlineData("01346<br/>02513", new[] { "01346", "02513" })]
    [InlineData("01346<BR>02513<br />00700", new[] { "01346", "02513", "00700" })]
    public void Splits_on_line_breaks(string html, string[] expected) => Assert.Equal(expected, HtmlText.SplitOnBreaks(html));
}
