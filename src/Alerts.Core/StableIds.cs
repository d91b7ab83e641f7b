using System.Security.Cryptography;
using System.Text;

namespace Alerts.Core;

/// <summary>
/// Deterministic ids: the same rule firing on the same event is the same alert, and the same alert to the same channel is the
/// same delivery, whichever worker computes it and however often. Hex only, so ids are safe as table keys and webhook-ids.
/// </summary>
public static class StableIds
{
    public static string Alert(string tenantId, string ruleId, string eventId) => "al_" + Hash(tenantId, ruleId, eventId);

    public static string Delivery(string alertId, string channelId) => "dl_" + Hash(alertId, channelId);

    /// <summary>The batch of held deliveries of one channel released together at one time (quiet hours' end, a digest time).</summary>
    public static string HeldBatch(string tenantId, string channelId, DateTimeOffset releaseAt) =>
        "hb_" + Hash(tenantId, channelId, releaseAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The summary alert for one chunk of a held batch.</summary>
    public static string Summary(string batchKey, int chunk) =>
        "as_" + Hash(batchKey, chunk.ToString(System.Globalization.CultureInfo.InvariantCulture));

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
