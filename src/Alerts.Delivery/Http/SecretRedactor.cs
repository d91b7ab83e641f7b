using System.Text;

namespace Alerts.Delivery.Http;

/// <summary>
/// Scrubs a target's credentials out of text that came back from the peer (error pages like to echo the request path).
/// Redacts the whole URL, its path and query, every path segment and query value of 6+ characters, and any extra secrets.
/// </summary>
public sealed class SecretRedactor
{
    private const string Mask = "[redacted]";
    private const int MinTokenLength = 6;
    private readonly Lazy<string[]> _secrets;

    /// <remarks>The list is built on first use: most answers carry no text to scrub, and a sender builds one redactor per send.</remarks>
    public SecretRedactor(Uri? target, params IEnumerable<string?> secrets)
    {
        _secrets = new Lazy<string[]>(() => Collect(target, secrets), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <param name="text">Text from the peer.</param>
    /// <param name="truncated">True when <paramref name="text"/> was cut short: a secret's beginning at the very end is masked too.</param>
    public string Redact(string text, bool truncated = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text);
        foreach (var secret in _secrets.Value)
        {
            builder.Replace(secret, Mask);
        }

        var result = builder.ToString();
        if (truncated)
        {
            foreach (var secret in _secrets.Value)
            {
                for (var k = Math.Min(secret.Length - 1, result.Length); k >= 3; k--)
                {
                    if (result.EndsWith(secret[..k], StringComparison.Ordinal))
                    {
                        result = result[..^k] + Mask;
                        break;
                    }
                }
            }
        }

        return result;
    }

    private static string[] Collect(Uri? target, IEnumerable<string?> secrets)
    {
        var all = new List<string>();
        if (target is { IsAbsoluteUri: true })
        {
            all.Add(target.AbsoluteUri);
            all.Add(target.OriginalString);
            all.Add(target.PathAndQuery);
            all.AddRange(Tokens(target.AbsolutePath.Split('/')));
            all.AddRange(Tokens(target.Query.TrimStart('?').Split('&').Select(p => p[(p.IndexOf('=', StringComparison.Ordinal) + 1)..])));
            all.AddRange(Tokens(target.UserInfo.Split(':')));
        }

        all.AddRange(secrets.Where(s => !string.IsNullOrEmpty(s))!);
        return [.. all.Where(s => s.Length >= MinTokenLength && s != "/").Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];
    }

    private static IEnumerable<string> Tokens(IEnumerable<string> parts)
    {
        foreach (var part in parts)
        {
            yield return part;
            var decoded = Uri.UnescapeDataString(part);
            if (decoded != part)
            {
                yield return decoded;
            }
        }
    }
}
