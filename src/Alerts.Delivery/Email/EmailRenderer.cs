using System.Globalization;
using System.Text;
using Alerts.Core.Model;
using Alerts.Delivery.Templates;

namespace Alerts.Delivery.Email;

/// <summary>
/// Renders an alert as subject, plain text and HTML, in the alert's own words (no translation). Everything taken from
/// the alert is HTML-escaped; links are only made from http(s) URLs.
/// </summary>
public static class EmailRenderer
{
    public const int MaxSubjectLength = 180;

    public static RenderedEmail Render(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new RenderedEmail(Subject(alert), Text(alert), HtmlBody(alert));
    }

    public static string Subject(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var headline = OneLine(alert.Headline);
        var company = OneLine(alert.CompanyName);
        var subject = company.Length == 0 || headline.Contains(company, StringComparison.OrdinalIgnoreCase)
            ? headline
            : $"{company}: {headline}";
        if (subject.Length <= MaxSubjectLength)
        {
            return subject;
        }

        var keep = MaxSubjectLength - 1;
        if (char.IsHighSurrogate(subject[keep - 1]))
        {
            keep--;
        }

        return subject[..keep] + "…";
    }

    private static string Text(Alert alert)
    {
        var text = new StringBuilder();
        text.Append(alert.Headline.Trim()).Append("\n\n");
        text.Append(CompanyLine(alert)).Append('\n');
        if (PriceLine(alert) is { } price)
        {
            text.Append("Price: ").Append(price).Append('\n');
        }

        if (alert.Categories.Count > 0)
        {
            text.Append("Categories: ").Append(Categories(alert)).Append('\n');
        }

        if (alert.Detail.Trim().Length > 0)
        {
            text.Append('\n').Append(alert.Detail.Trim()).Append('\n');
        }

        if (LinkOf(alert) is { } link)
        {
            text.Append('\n').Append(link).Append('\n');
        }

        text.Append("\n-- \n").Append(Footer(alert)).Append('\n');
        return text.ToString().ReplaceLineEndings("\n");
    }

    private static string HtmlBody(Alert alert)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(Html.Escape(Subject(alert))).Append("</title>\n</head>\n")
            .Append("<body style=\"font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;line-height:1.5;color:#1f2328\">\n");
        html.Append("<h2 style=\"margin:0 0 8px\">").Append(Html.Escape(alert.Headline.Trim())).Append("</h2>\n");
        html.Append("<p style=\"margin:0 0 12px;color:#59636e\">").Append(Html.Escape(CompanyLine(alert))).Append("</p>\n");
        if (PriceLine(alert) is { } price)
        {
            html.Append("<p><strong>Price:</strong> ").Append(Html.Escape(price)).Append("</p>\n");
        }

        if (alert.Categories.Count > 0)
        {
            html.Append("<p><strong>Categories:</strong> ").Append(Html.Escape(Categories(alert))).Append("</p>\n");
        }

        if (alert.Detail.Trim().Length > 0)
        {
            html.Append("<p>").Append(Html.EscapeMultiline(alert.Detail.Trim())).Append("</p>\n");
        }

        if (LinkOf(alert) is { } link)
        {
            html.Append("<p><a href=\"").Append(Html.Escape(link)).Append("\">Open the source</a></p>\n");
        }

        html.Append("<hr style=\"border:none;border-top:1px solid #d1d9e0\">\n<p style=\"font-size:12px;color:#59636e\">")
            .Append(Html.Escape(Footer(alert))).Append("</p>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string CompanyLine(Alert alert)
    {
        var when = alert.OccurredAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var symbol = string.IsNullOrWhiteSpace(alert.Symbol) ? string.Empty : $" ({alert.Symbol.Trim()})";
        return $"{OneLine(alert.CompanyName)}{symbol} · {when}";
    }

    private static string? PriceLine(Alert alert)
    {
        if (alert.Price is not { } price)
        {
            return null;
        }

        var line = price.ToString("0.####", CultureInfo.InvariantCulture);
        if (!string.IsNullOrWhiteSpace(alert.Currency))
        {
            line += " " + alert.Currency.Trim();
        }

        if (alert.ChangePercent is { } change)
        {
            line += " (" + change.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) + "%)";
        }

        return line;
    }

    private static string Categories(Alert alert) => string.Join(", ", alert.Categories.Select(AlertFields.Humanize));

    private static string Footer(Alert alert) => $"Rule \"{OneLine(alert.RuleName)}\" matched. Alert {alert.Id}.";

    private static string? LinkOf(Alert alert) => AlertFields.LinkOf(alert.Url);

    /// <summary>Control characters (CR and LF above all) out, runs of white space collapsed: subjects are header values.</summary>
    internal static string OneLine(string? text) => AlertFields.OneLine(text);
}
