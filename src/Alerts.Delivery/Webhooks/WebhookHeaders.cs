namespace Alerts.Delivery.Webhooks;

/// <summary>
/// User-defined headers a generic webhook sends with every request (an <c>Authorization</c> for the receiver's gateway, a
/// routing key). Names must be HTTP tokens; the headers the protocol owns (signature, id, timestamp, content and
/// connection headers) cannot be overridden. Values are treated as secrets: never logged, scrubbed from echoed answers.
/// </summary>
public static class WebhookHeaders
{
    public const int MaxCount = 10;
    public const int MaxValueLength = 1024;

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "webhook-id", "webhook-timestamp", "webhook-signature", "content-type", "content-length", "content-encoding",
        "host", "connection", "transfer-encoding", "te", "upgrade", "expect", "keep-alive", "proxy-authorization", "trailer",
    };

    /// <summary>What is wrong with a channel's headers, one message per problem (names only: values are secrets).</summary>
    public static IEnumerable<string> Problems(IReadOnlyDictionary<string, string>? headers)
    {
        if (headers is null)
        {
            yield break;
        }

        if (headers.Count > MaxCount)
        {
            yield return $"at most {MaxCount} headers";
        }

        foreach (var (name, value) in headers)
        {
            if (name.Length is 0 or > 100 || !name.All(IsTokenChar))
            {
                yield return $"'{Printable(name)}' is not a valid header name";
            }
            else if (Reserved.Contains(name))
            {
                yield return $"'{name}' is set by the webhook protocol and cannot be overridden";
            }
            else if (value is null || value.Length > MaxValueLength || value.Any(c => c is '\r' or '\n' or '\0' || c > '\u00ff'))
            {
                yield return $"the value of '{name}' must be at most {MaxValueLength} printable Latin-1 characters on one line";
            }
        }
    }

    /// <summary>The headers to send; any that fail <see cref="Problems"/> are skipped (they were refused when saved).</summary>
    public static IEnumerable<KeyValuePair<string, string>> Extra(IReadOnlyDictionary<string, string>? headers)
    {
        if (headers is null)
        {
            yield break;
        }

        foreach (var (name, value) in headers.Take(MaxCount))
        {
            if (!Problems(new Dictionary<string, string> { [name] = value }).Any())
            {
                yield return new(name, value);
            }
        }
    }

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);

    private static string Printable(string name) => new([.. name.Take(40).Select(c => char.IsControl(c) ? '?' : c)]);
}
