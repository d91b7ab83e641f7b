namespace Alerts.Core.Notifications;

/// <summary>Closed set of failure reasons, usable as a metric tag.</summary>
public enum FailureReason
{
    None,
    Timeout,
    Network,
    RateLimited,
    ServerError,
    Rejected,
    Gone,
    Redirected,
    InvalidTarget,

    /// <summary>The sender itself failed unexpectedly (a bug or a local fault); counted as an attempt so it ends in the dead letters.</summary>
    Internal,
}

/// <summary>The outcome of one attempt, classified at the edge where the response was seen.</summary>
public abstract record DeliveryResult(int? StatusCode)
{
    /// <summary><see cref="Response"/>: what the far end answered (an excerpt, secrets removed), kept in the attempt record.</summary>
    public sealed record Delivered(int? Code, string? Response = null) : DeliveryResult(Code);

    public sealed record Retryable(FailureReason Reason, string Detail, int? Code, TimeSpan? RetryAfter = null) : DeliveryResult(Code);

    /// <summary>Never retried. <see cref="DisableEndpoint"/> is set for 410 (and Discord's 404): the endpoint is gone.</summary>
    public sealed record Permanent(FailureReason Reason, string Detail, int? Code, bool DisableEndpoint = false) : DeliveryResult(Code);
}
