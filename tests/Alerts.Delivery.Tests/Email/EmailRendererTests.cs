using Alerts.Delivery.Email;
using Alerts.Delivery.Tests.Support;

namespace Alerts.Delivery.Tests.Email;

public class EmailRendererTests
{
    [Fact]
    public void Renders_the_alert_in_subject_text_and_html()
    {
        var email = EmailRenderer.Render(TestData.Alert(price: 412.6m));

        Assert.Equal("Tencent Holdings: announcement of annual results", email.Subject);
        Assert.Contains("Tencent Holdings: announcement of annual results", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Tencent Holdings (0700.HK) · 2026-11-21 08:45 UTC", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Price: 412.6 HKD (+5.25%)", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Categories: Results, Trading halt", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Revenue up 8% year on year.", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://www1.hkexnews.hk/", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Rule \"Results for my watchlist\" matched", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://www1.hkexnews.hk/", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Revenue up 8% year on year.", email.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Prefixes_the_company_only_when_the_headline_does_not_name_it()
    {
        Assert.Equal("Tencent Holdings: Interim results", EmailRenderer.Subject(TestData.Alert(headline: "Interim results")));
        Assert.Equal("Tencent Holdings: annual results", EmailRenderer.Subject(TestData.Alert(headline: "Tencent Holdings: annual results")));
    }

    [Fact]
    public void Escapes_everything_taken_from_the_alert_in_html()
    {
        var alert = TestData.Alert(
            headline: "<script>alert('headline')</script>",
            detail: "Line one & <b>bold</b>\n<img src=x onerror=alert(1)>",
            companyName: "Evil \"Corp\" <script>alert('company')</script>");

        var html = EmailRenderer.Render(alert).HtmlBody;

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;headline&#39;)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Evil &quot;Corp&quot; &lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Line one &amp; &lt;b&gt;bold&lt;/b&gt;<br>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("javascript:alert(document.cookie)")]
    [InlineData("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")]
    [InlineData("ftp://files.example.com/a.pdf")]
    public void Never_links_a_url_that_is_not_http(string url)
    {
        var email = EmailRenderer.Render(TestData.Alert(url: new Uri(url)));

        Assert.DoesNotContain("href", email.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain(url, email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Keeps_chinese_text_as_it_is()
    {
        var alert = TestData.Alert(headline: "关于公司股票停牌的公告", companyName: "贵州茅台", detail: "因筹划重大事项，公司股票自2026年11月23日起停牌。");

        var email = EmailRenderer.Render(alert);

        Assert.Equal("贵州茅台: 关于公司股票停牌的公告", email.Subject);
        Assert.Contains("关于公司股票停牌的公告", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("因筹划重大事项，公司股票自2026年11月23日起停牌。", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("因筹划重大事项", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void The_subject_is_one_line_and_bounded()
    {
        var subject = EmailRenderer.Subject(TestData.Alert(headline: "Results\r\nBcc: victim@example.com\t" + new string('x', 400)));

        Assert.DoesNotContain('\r', subject);
        Assert.DoesNotContain('\n', subject);
        Assert.Equal(EmailRenderer.MaxSubjectLength, subject.Length);
        Assert.EndsWith("…", subject, StringComparison.Ordinal);
    }
}
