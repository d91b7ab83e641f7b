namespace Alerts.Sources.Feeds;

/// <summary>Why a whole poll failed; a closed set, so it can tag metrics and logs.</summary>
public enum FeedErrorKind
{
    /// <summary>No complete answer within HttpClient.Timeout.</summary>
    Timeout,

    /// <summary>HTTP 429: the source wants fewer requests.</summary>
    RateLimited,

    /// <summary>HTTP 5xx.</summary>
    ServerError,

    /// <summary>Any other non-success status (403 without Referer, 404 after a URL change, …).</summary>
    Rejected,

    /// <summary>The connection failed: DNS, refused, reset, TLS.</summary>
    Network,

    /// <summary>A 2xx answer whose body is not the expected document.</summary>
    Malformed,
}

/// <summary>A failed poll: what kind, a message naming the source's host and the cause, and what the server said.</summary>
public sealed record FeedError(FeedErrorKind Kind, string Message, int? StatusCode = null, TimeSpan? RetryAfter = null)
{
    public static FeedError Malformed(string message) => new(FeedErrorKind.Malformed, message);

    public override string ToString() => $"{Kind}: {Message}";
}
