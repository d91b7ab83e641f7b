namespace Alerts.Delivery.Email;

/// <summary>The envelope of one outgoing message; addresses are already validated bare addresses.</summary>
public sealed record EmlMessage(
    string FromAddress,
    string? FromName,
    string To,
    DateTimeOffset Date,
    string MessageId,
    RenderedEmail Content);
