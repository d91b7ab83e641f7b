namespace Alerts.Delivery.Email;

/// <summary>The envelope of one outgoing message; addresses are already validated bare addresses. <see cref="Headers"/> are ASCII extras (List-Unsubscribe).</summary>
public sealed record EmlMessage(
    string FromAddress,
    string? FromName,
    string To,
    DateTimeOffset Date,
    string MessageId,
    RenderedEmail Content,
    IReadOnlyList<KeyValuePair<string, string>>? Headers = null);
