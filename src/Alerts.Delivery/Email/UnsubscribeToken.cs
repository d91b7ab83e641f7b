using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Alerts.Delivery.Email;

/// <summary>Who asked to stop: this channel no longer receives this rule's alerts. <see cref="IssuedAt"/> lets a verifier expire old links.</summary>
public sealed record UnsubscribeClaims(string TenantId, string ChannelId, string RuleId, DateTimeOffset IssuedAt);

/// <summary>
/// The token in an email's unsubscribe link (List-Unsubscribe, RFC 8058): <c>base64url(payload).base64url(HMAC-SHA256)</c>
/// over a versioned payload of tenant, channel, rule and issue time. Tamper-evident: changing any byte fails verification,
/// which compares in constant time. The key is the deployment's secret (at least 32 bytes); ids never contain line breaks.
/// </summary>
public static class UnsubscribeToken
{
    public const int MinKeyBytes = 32;
    private const string Version = "u1";

    public static string Create(ReadOnlySpan<byte> key, UnsubscribeClaims claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        CheckKey(key);
        foreach (var part in new[] { claims.TenantId, claims.ChannelId, claims.RuleId })
        {
            if (string.IsNullOrEmpty(part) || part.Contains('\n', StringComparison.Ordinal))
            {
                throw new ArgumentException("tenant, channel and rule ids must be non-empty and on one line", nameof(claims));
            }
        }

        var payload = Encoding.UTF8.GetBytes(string.Join('\n', Version, claims.TenantId, claims.ChannelId, claims.RuleId,
            claims.IssuedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        return Base64Url(payload) + "." + Base64Url(HMACSHA256.HashData(key, payload));
    }

    public static bool TryVerify(ReadOnlySpan<byte> key, string? token, [NotNullWhen(true)] out UnsubscribeClaims? claims)
    {
        claims = null;
        CheckKey(key);
        var dot = token?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (token is null || dot <= 0 || token.Length > 2048
            || FromBase64Url(token[..dot]) is not { } payload || FromBase64Url(token[(dot + 1)..]) is not { } signature)
        {
            return false;
        }

        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(key, payload), signature))
        {
            return false;
        }

        var parts = Encoding.UTF8.GetString(payload).Split('\n');
        if (parts.Length != 5 || parts[0] != Version
            || !long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253402300799)
        {
            return false;
        }

        claims = new UnsubscribeClaims(parts[1], parts[2], parts[3], DateTimeOffset.FromUnixTimeSeconds(seconds));
        return true;
    }

    /// <summary>The one-click link: <paramref name="baseUrl"/> with <c>token=</c> appended.</summary>
    public static Uri Link(Uri baseUrl, string token)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var builder = new UriBuilder(baseUrl);
        var query = builder.Query.TrimStart('?');
        builder.Query = (query.Length == 0 ? string.Empty : query + "&") + "token=" + Uri.EscapeDataString(token);
        return builder.Uri;
    }

    private static void CheckKey(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinKeyBytes)
        {
            throw new ArgumentException($"the unsubscribe signing key must be at least {MinKeyBytes} bytes", nameof(key));
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => string.Empty };
        var buffer = new byte[(padded.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(padded, buffer, out var written))
        {
            return null;
        }

        // Only the canonical spelling: otherwise the spare bits of the last character give one token several valid forms.
        var bytes = buffer[..written];
        return Base64Url(bytes) == text ? bytes : null;
    }
}
