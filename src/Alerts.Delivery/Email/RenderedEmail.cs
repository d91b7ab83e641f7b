namespace Alerts.Delivery.Email;

/// <summary>An alert in words, channel-neutral: the outbox writer and (later) SendGrid both send these three parts.</summary>
public sealed record RenderedEmail(string Subject, string TextBody, string HtmlBody);
