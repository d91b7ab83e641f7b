using System.Globalization;
using System.Security.Cryptography;

namespace Alerts.Delivery.Webhooks;

/// <summary>Why a webhook was refused; <see cref="None"/> when it verified.</summary>
public enum WebhookVerificationFailure
{
    None,
    MissingHeader,
    InvalidTimestamp,
    TimestampTooOld,
    TimestampTooNew,
    NoMatchingSignature,
}

public sealed record WebhookVerification(WebhookVerificationFailure Failure, string Reason)
{
    public bool IsValid => Failure == WebhookVerificationFailure.None;

    internal static WebhookVerification Valid { get; } = new(WebhookVerificationFailure.None, "verified");
}

/// <summary>
/// The receiving side of Standard Webhooks (used by our tests and offered to receivers we build): all three headers
/// required, the timestamp within the tolerance (±5 minutes) of the injected clock, each <c>v1</c> entry compared in
/// constant time, any match accepted.
/// </summary>
public sealed class WebhookVerifier
{
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    private readonly IReadOnlyList<WebhookSecret> _secrets;
    private readonly TimeProvider _time;
    private readonly TimeSpan _tolerance;

    public WebhookVerifier(IReadOnlyList<WebhookSecret> secrets, TimeProvider time, TimeSpan? tolerance = null)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfZero(secrets.Count);
        _secrets = secrets;
        _time = time;
        _tolerance = tolerance ?? DefaultTolerance;
    }

    public WebhookVerifier(WebhookSecret secret, TimeProvider time, TimeSpan? tolerance = null)
        : this([secret], time, tolerance)
    {
    }

    public WebhookVerification Verify(string? webhookId, string? webhookTimestamp, string? webhookSignature, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(webhookId) || string.IsNullOrEmpty(webhookTimestamp) || string.IsNullOrEmpty(webhookSignature))
        {
            var missing = string.IsNullOrEmpty(webhookId) ? "webhook-id" : string.IsNullOrEmpty(webhookTimestamp) ? "webhook-timestamp" : "webhook-signature";
            return new(WebhookVerificationFailure.MissingHeader, $"missing {missing} header");
        }

        if (!long.TryParse(webhookTimestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return new(WebhookVerificationFailure.InvalidTimestamp, "webhook-timestamp is not an integer of Unix seconds");
        }

        var now = _time.GetUtcNow();
        var sent = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (sent < now - _tolerance)
        {
            return new(WebhookVerificationFailure.TimestampTooOld, "webhook-timestamp is too old");
        }

        if (sent > now + _tolerance)
        {
            return new(WebhookVerificationFailure.TimestampTooNew, "webhook-timestamp is in the future");
        }

        if (webhookId.Contains('.', StringComparison.Ordinal))
        {
            return new(WebhookVerificationFailure.NoMatchingSignature, "no signature matches");
        }

        var content = WebhookSigner.SignedContent(webhookId, webhookTimestamp, body);
        var expected = _secrets.Select(s => HMACSHA256.HashData(s.Key, content)).ToArray();
        Span<byte> candidate = stackalloc byte[64];
        var matched = false;
        foreach (var entry in webhookSignature.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = entry.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0 || entry.AsSpan(0, comma) is not WebhookSigner.Version
                || !Convert.TryFromBase64Chars(entry.AsSpan(comma + 1), candidate, out var written))
            {
                continue;
            }

            foreach (var hash in expected)
            {
                // No early exit: the time taken does not depend on which entry or key matched.
                matched |= CryptographicOperations.FixedTimeEquals(hash, candidate[..written]);
            }
        }

        return matched ? WebhookVerification.Valid : new(WebhookVerificationFailure.NoMatchingSignature, "no signature matches");
    }
}
