namespace Alerts.Delivery.Http;

/// <summary>
/// One POST to a channel endpoint: the exact bytes to send (signatures are over them), extra headers, the per-attempt
/// timeout, the attempt's clock reading (for Retry-After dates) and the strings to scrub from anything the peer echoes.
/// </summary>
public sealed record HttpDeliveryRequest(
    Uri Target,
    ReadOnlyMemory<byte> Body,
    string ContentType,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    TimeSpan Timeout,
    DateTimeOffset Now,
    SecretRedactor Redactor);
