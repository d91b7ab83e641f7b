using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Alerts.Delivery.Webhooks;

/// <summary>
/// A Standard Webhooks symmetric signing secret: shown as <c>whsec_</c> + base64, the HMAC key is the decoded bytes
/// (24 to 64 bytes, i.e. 192 to 512 bits). <see cref="ToString"/> never prints the key.
/// </summary>
public sealed class WebhookSecret
{
    public const string Prefix = "whsec_";
    public const int MinBytes = 24;
    public const int MaxBytes = 64;
    public const string FormatDescription = "must be whsec_ followed by the base64 of 24 to 64 random bytes";

    private readonly byte[] _key;

    private WebhookSecret(byte[] key) => _key = key;

    internal ReadOnlySpan<byte> Key => _key;

    /// <summary>A fresh secret of <paramref name="bytes"/> random bytes (default 32), in its <c>whsec_</c> form.</summary>
    public static string Generate(int bytes = 32)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, MinBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bytes, MaxBytes);
        return Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes));
    }

    public static bool TryParse(string? text, [NotNullWhen(true)] out WebhookSecret? secret)
    {
        secret = null;
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var encoded = text.AsSpan(Prefix.Length);
        var buffer = new byte[(encoded.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64Chars(encoded, buffer, out var written) || written < MinBytes || written > MaxBytes)
        {
            return false;
        }

        secret = new WebhookSecret(buffer[..written]);
        return true;
    }

    /// <summary>
    /// Parses a channel's secret field: one secret, or during a rotation several separated by spaces (each one signs,
    /// so receivers holding either key verify). Null when any entry is malformed or there is none.
    /// </summary>
    public static IReadOnlyList<WebhookSecret>? ParseList(string? text)
    {
        var entries = (text ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries.Length == 0)
        {
            return null;
        }

        var secrets = new List<WebhookSecret>(entries.Length);
        foreach (var entry in entries)
        {
            if (!TryParse(entry, out var secret))
            {
                return null;
            }

            secrets.Add(secret);
        }

        return secrets;
    }

    public override string ToString() => Prefix + "***";
}
