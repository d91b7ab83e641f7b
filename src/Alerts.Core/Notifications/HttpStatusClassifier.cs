using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Alerts.Core.Notifications;

/// <summary>
/// The one place that maps HTTP outcomes to retryability: 2xx delivered; 408, 429 and 5xx retryable (honouring Retry-After);
/// 410 permanent and disables the endpoint; 3xx and other 4xx permanent.
/// </summary>
public static class HttpStatusClassifier
{
    public static DeliveryResult Classify(HttpStatusCode status, HttpResponseHeaders? headers, DateTimeOffset now, string? bodySnippet = null)
    {
        var code = (int)status;
        var detail = bodySnippet is { Length: > 0 } ? $"HTTP {code}: {Truncate(bodySnippet)}" : $"HTTP {code}";
        return code switch
        {
            >= 200 and < 300 => new DeliveryResult.Delivered(code, bodySnippet is { Length: > 0 } ? Truncate(bodySnippet) : null),
            408 => new DeliveryResult.Retryable(FailureReason.Timeout, detail, code, RetryAfter(headers, now)),
            429 => new DeliveryResult.Retryable(FailureReason.RateLimited, detail, code, RetryAfter(headers, now)),
            410 => new DeliveryResult.Permanent(FailureReason.Gone, detail, code, DisableEndpoint: true),
            >= 500 => new DeliveryResult.Retryable(FailureReason.ServerError, detail, code, RetryAfter(headers, now)),
            >= 300 and < 400 => new DeliveryResult.Permanent(FailureReason.Redirected, detail, code),
            _ => new DeliveryResult.Permanent(FailureReason.Rejected, detail, code),
        };
    }

    /// <summary>Transport failures: no response at all. Timeouts and refused connections are both worth another try.</summary>
    public static DeliveryResult ClassifyException(Exception exception) => exception switch
    {
        TaskCanceledException or TimeoutException => new DeliveryResult.Retryable(FailureReason.Timeout, "timed out", null),
        HttpRequestException http => new DeliveryResult.Retryable(FailureReason.Network, "network error: " + http.HttpRequestError, null),
        _ => new DeliveryResult.Retryable(FailureReason.Network, exception.GetType().Name, null),
    };

    public static TimeSpan? RetryAfter(HttpResponseHeaders? headers, DateTimeOffset now)
    {
        var retryAfter = headers?.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        // Some services send fractional seconds, which the typed header rejects.
        if (headers is not null && headers.TryGetValues("Retry-After", out var raw)
            && double.TryParse(raw.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return null;
    }

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
