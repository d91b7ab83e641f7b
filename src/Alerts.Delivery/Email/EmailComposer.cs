using Alerts.Core.Model;
using Alerts.Delivery.Templates;

namespace Alerts.Delivery.Email;

/// <summary>
/// The email for one delivery: the default rendering, with the subscriber's template subject and body where given. A
/// template body is text: the HTML part shows it escaped, line breaks kept, inside the default frame.
/// </summary>
public static class EmailComposer
{
    public static RenderedEmail Render(Alert alert, ComposedText text, AlertFields fields)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fields);
        var standard = EmailRenderer.Render(alert);
        var subject = Text.TextFit.Fit(text.Subject, EmailRenderer.MaxSubjectLength);
        if (text.Body is not { } body)
        {
            return standard with { Subject = subject };
        }

        var footer = $"Rule \"{fields.Rule}\" matched. Alert {fields.AlertId}.";
        var plain = $"{body}\n\n-- \n{footer}\n";
        var html = "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>" + Html.Escape(subject) + "</title>\n</head>\n"
            + "<body style=\"font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;line-height:1.5;color:#1f2328\">\n"
            + "<p>" + Html.EscapeMultiline(body) + "</p>\n"
            + "<hr style=\"border:none;border-top:1px solid #d1d9e0\">\n<p style=\"font-size:12px;color:#59636e\">" + Html.Escape(footer) + "</p>\n</body>\n</html>\n";
        return new RenderedEmail(subject, plain, html);
    }
}
