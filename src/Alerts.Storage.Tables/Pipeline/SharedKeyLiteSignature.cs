using System.Security.Cryptography;
using System.Text;

namespace Alerts.Storage.Tables.Pipeline;

/// <summary>
/// The Table service's SharedKeyLite scheme (what Azure.Data.Tables sends):
/// <c>Base64(HMAC-SHA256(key, x-ms-date + "\n" + CanonicalizedResource))</c>.
/// </summary>
internal static class SharedKeyLiteSignature
{
    public const string Scheme = "SharedKeyLite";

    /// <summary>"/" + account + the request path exactly as encoded on the wire, plus "?comp=…" when present.</summary>
    public static string CanonicalizedResource(string accountName, Uri requestUri)
    {
        var resource = "/" + accountName + requestUri.AbsolutePath;
        var comp = CompParameter(requestUri.Query);
        return comp is null ? resource : resource + "?comp=" + comp;
    }

    public static string StringToSign(string date, string canonicalizedResource) => date + "\n" + canonicalizedResource;

    public static string Sign(string base64AccountKey, string stringToSign)
    {
        var hash = HMACSHA256.HashData(Convert.FromBase64String(base64AccountKey), Encoding.UTF8.GetBytes(stringToSign));
        return Convert.ToBase64String(hash);
    }

    private static string? CompParameter(string query)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            if (string.Equals(name, "comp", StringComparison.OrdinalIgnoreCase))
            {
                return equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            }
        }

        return null;
    }
}
