using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Alerts.Delivery.Webhooks;

/// <summary>
/// Standard Webhooks v1 signatures: <c>v1,</c> + base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}")) over the exact
/// bytes sent. With several secrets (a rotation) the header value is the space-delimited list of one signature per secret.
/// </summary>
public static class WebhookSigner
{
    public const string Version = "v1";

    public static string Sign(string webhookId, long timestamp, ReadOnlySpan<byte> body, IReadOnlyList<WebhookSecret> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentOutOfRangeException.ThrowIfZero(secrets.Count);
        var content = SignedContent(webhookId, timestamp.ToString(CultureInfo.InvariantCulture), body);
        return string.Join(' ', secrets.Select(s => Version + "," + Convert.ToBase64String(HMACSHA256.HashData(s.Key, content))));
    }

    public static string Sign(string webhookId, long timestamp, ReadOnlySpan<byte> body, WebhookSecret secret) =>
        Sign(webhookId, timestamp, body, [secret]);

    internal static byte[] SignedContent(string webhookId, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(webhookId);
        if (webhookId.Contains('.', StringComparison.Ordinal) || timestamp.Contains('.', StringComparison.Ordinal))
        {
            // The dot is the delimiter of the signed content; letting it into the id would make two messages sign alike.
            throw new ArgumentException("webhook-id and timestamp must not contain '.'", nameof(webhookId));
        }

        var prefix = Encoding.UTF8.GetBytes(webhookId + "." + timestamp + ".");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return content;
    }
}
