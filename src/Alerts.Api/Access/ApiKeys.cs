using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Alerts.Api.Access;

/// <summary>
/// API key format <c>alk_{id}_{secret}</c>: the id (12 hex digits) finds the stored row, the 256-bit secret makes the key
/// unguessable, and only the SHA-256 of the whole key is stored. <c>alk_{id}</c> is the visible prefix.
/// </summary>
public static class ApiKeys
{
    public const string Scheme = "alk_";

    public static (string Id, string Prefix, string Key) Create()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var key = Scheme + id + "_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (id, Scheme + id, key);
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The id inside a presented key, or null when it is not shaped like one of ours.</summary>
    public static string? IdOf(string key)
    {
        if (!key.StartsWith(Scheme, StringComparison.Ordinal) || key.Length < Scheme.Length + 14)
        {
            return null;
        }

        var id = key.Substring(Scheme.Length, 12);
        return key[Scheme.Length + 12] == '_' && id.All(char.IsAsciiHexDigitLower) ? id : null;
    }

    /// <summary>Compares a presented key with a stored hash in constant time.</summary>
    public static bool Matches(string key, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(key)), Encoding.ASCII.GetBytes(storedHash));
}
