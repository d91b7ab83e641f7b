using Alerts.Core.Notifications;

namespace Alerts.Delivery.Tests.Support;

/// <summary>
/// The one check, shared by every channel's tests, that credentials stay out of everything a delivery leaves behind:
/// the result (its detail is stored as the attempt's error) and every log message, property and exception.
/// </summary>
internal static class SecretLeak
{
    public static void AssertNone(DeliveryResult result, CapturingLoggerProvider logs, IEnumerable<string> secrets)
    {
        var secretList = secrets.Where(s => s.Length > 0).ToList();
        Assert.NotEmpty(secretList);
        var traces = new List<(string Where, string Text)> { ("result", result.ToString()) };
        traces.AddRange(logs.Entries.SelectMany(e => e.AllText().Select(t => ($"log {e.EventId.Id}", t))));
        Assert.True(logs.Entries.Count > 0, "expected the notifier to log its outcome");
        foreach (var secret in secretList)
        {
            foreach (var (where, text) in traces)
            {
                Assert.False(
                    text.Contains(secret, StringComparison.OrdinalIgnoreCase),
                    $"secret leaked into {where}: {text}");
            }
        }
    }

    /// <summary>
    /// The parts of a webhook URL that are credentials: the URL, its path and query, and each path segment or query value
    /// long enough to be a token (short words like "hooks" are not secrets and appear in ordinary messages).
    /// </summary>
    public static IEnumerable<string> UrlSecrets(Uri url)
    {
        yield return url.AbsoluteUri;
        yield return url.PathAndQuery;
        var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var values = url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        foreach (var token in segments.Concat(values).Where(t => t.Length >= 12))
        {
            yield return token;
        }
    }

    /// <summary>A whsec secret and its key part (which alone is enough to forge signatures).</summary>
    public static IEnumerable<string> WebhookSecretParts(string secret)
    {
        yield return secret;
        yield return secret["whsec_".Length..];
    }
}
