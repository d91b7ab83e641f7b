using Alerts.Core.Model;
using Alerts.Core.Notifications;

namespace Alerts.Delivery.Templates;

/// <summary>
/// The words of one message: the subscriber's template where there is one, else the defaults. <see cref="Body"/> is null
/// when the channel should use its own default layout (its fields, facts or embed) for the main text.
/// </summary>
public sealed record ComposedText(string Subject, string Title, string? Body)
{
    /// <summary>Renders the template parts; a template that fails is a permanent failure with the reason (never an exception).</summary>
    public static ComposedText? Compose(AlertFields fields, MessageTemplate? template, out DeliveryResult.Permanent? failure)
    {
        ArgumentNullException.ThrowIfNull(fields);
        failure = null;
        string? subject = fields.Heading, title = fields.Heading, body = null;
        if (template is null)
        {
            return new ComposedText(subject, title, body);
        }

        foreach (var (part, text) in new[] { ("subject", template.Subject), ("title", template.Title), ("body", template.Body) })
        {
            if (text is null)
            {
                continue;
            }

            var (rendered, error) = TemplateEngine.Render(text, fields);
            if (error is not null)
            {
                failure = new DeliveryResult.Permanent(FailureReason.Rejected, $"template {part} {error}", null);
                return null;
            }

            switch (part)
            {
                case "subject":
                    subject = AlertFields.OneLine(rendered);
                    break;
                case "title":
                    title = AlertFields.OneLine(rendered);
                    break;
                default:
                    body = rendered!.Trim();
                    break;
            }
        }

        return new ComposedText(subject.Length > 0 ? subject : fields.Heading, title.Length > 0 ? title : fields.Heading, body);
    }
}
