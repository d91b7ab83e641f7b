using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Alerts.Core;

/// <summary>
/// Deterministic ids: the same rule firing on the same event is the same alert, and the same alert to the same channel is the
/// same delivery, whichever worker computes it and however often. Hex only, so ids are safe as table keys and webhook-ids.
/// Alert and delivery ids come in two forms (<see cref="AlertIdLayout"/>), both a prefix and 32 hex digits.
/// </summary>
public static class StableIds
{
    private const int TimeDigits = 12;
    private const long LatestTime = (1L << (4 * TimeDigits)) - 1;

    /// <summary>The hashed alert id.</summary>
    public static string Alert(string tenantId, string ruleId, string eventId) => "al_" + Hash(tenantId, ruleId, eventId);

    /// <summary>
    /// The alert id in the store's layout: a time-ordered one begins with the event's time (Unix milliseconds, 12 hex digits)
    /// and ends with 20 digits of the same hash.
    /// </summary>
    public static string Alert(AlertIdLayout layout, string tenantId, string ruleId, string eventId, DateTimeOffset occurredAt) =>
        InLayout("al_", layout, occurredAt, tenantId, ruleId, eventId);

    /// <summary>The hashed delivery id.</summary>
    public static string Delivery(string alertId, string channelId) => "dl_" + Hash(alertId, channelId);

    /// <summary>The delivery id in the store's layout, given its alert's event time: a time-ordered one sorts beside its alert.</summary>
    public static string Delivery(AlertIdLayout layout, string alertId, DateTimeOffset occurredAt, string channelId) =>
        InLayout("dl_", layout, occurredAt, alertId, channelId);

    /// <summary>The batch of held deliveries of one channel released together at one time (quiet hours' end, a digest time).</summary>
    public static string HeldBatch(string tenantId, string channelId, DateTimeOffset releaseAt) =>
        "hb_" + Hash(tenantId, channelId, releaseAt.UtcTicks.ToString(CultureInfo.InvariantCulture));

    /// <summary>The summary alert for one chunk of a held batch.</summary>
    public static string Summary(string batchKey, int chunk) =>
        "as_" + Hash(batchKey, chunk.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// The hashed id, or the time-ordered one: the time in fixed width (so ids sort as their times do; times before 1970 or past
    /// the year 10889 are clamped), then the rest of the same hash.
    /// </summary>
    private static string InLayout(string prefix, AlertIdLayout layout, DateTimeOffset occurredAt, params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var hash = Hash(parts);
        return layout.IsTimeOrdered(occurredAt)
            ? prefix + Math.Clamp(occurredAt.ToUnixTimeMilliseconds(), 0, LatestTime).ToString("x12", CultureInfo.InvariantCulture) + hash[TimeDigits..]
            : prefix + hash;
    }

    private static string Hash(params string[] parts)
    {
        // Length-prefixing keeps ("a|b", "c") and ("a", "b|c") apart.
        var builder = new StringBuilder();
        foreach (var part in parts)
        {
            builder.Append(part.Length).Append(':').Append(part).Append('|');
        }

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString()));
        return Convert.ToHexStringLower(digest.AsSpan(0, 16));
    }
}
