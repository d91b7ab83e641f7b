using System.Net;
using System.Net.Http.Headers;
using Alerts.Core.Notifications;

namespace Alerts.Core.Tests.Notifications;

public sealed class HttpStatusClassifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 8, 1, 30, 0, TimeSpan.Zero);

    private static HttpResponseHeaders Headers(Action<HttpResponseHeaders>? set = null)
    {
        using var response = new HttpResponseMessage();
        set?.Invoke(response.Headers);
        return response.Headers;
    }

    [Theory]
    [InlineData(200, "Delivered", FailureReason.None, false)]
    [InlineData(202, "Delivered", FailureReason.None, false)]
    [InlineData(204, "Delivered", FailureReason.None, false)]
    [InlineData(301, "Permanent", FailureReason.Redirected, false)]
    [InlineData(302, "Permanent", FailureReason.Redirected, false)]
    [InlineData(400, "Permanent", FailureReason.Rejected, false)]
    [InlineData(401, "Permanent", FailureReason.Rejected, false)]
    [InlineData(403, "Permanent", FailureReason.Rejected, false)]
    [InlineData(404, "Permanent", FailureReason.Rejected, false)]
    [InlineData(408, "Retryable", FailureReason.Timeout, false)]
    [InlineData(410, "Permanent", FailureReason.Gone, true)]
    [InlineData(413, "Permanent", FailureReason.Rejected, false)]
    [InlineData(429, "Retryable", FailureReason.RateLimited, false)]
    [InlineData(500, "Retryable", FailureReason.ServerError, false)]
    [InlineData(502, "Retryable", FailureReason.ServerError, false)]
    [InlineData(503, "Retryable", FailureReason.ServerError, false)]
    [InlineData(504, "Retryable", FailureReason.ServerError, false)]
    public void Status_codes_map_to_delivered_retryable_or_permanent(int status, string kind, FailureReason reason, bool disablesEndpoint)
    {
        var result = HttpStatusClassifier.Classify((HttpStatusCode)status, Headers(), Now);

        Assert.Equal(status, result.StatusCode);
        switch (result)
        {
            case DeliveryResult.Delivered:
                Assert.Equal("Delivered", kind);
                break;
            case DeliveryResult.Retryable retryable:
                Assert.Equal("Retryable", kind);
                Assert.Equal(reason, retryable.Reason);
                Assert.Null(retryable.RetryAfter);
                break;
            case DeliveryResult.Permanent permanent:
                Assert.Equal("Permanent", kind);
                Assert.Equal(reason, permanent.Reason);
                Assert.Equal(disablesEndpoint, permanent.DisableEndpoint);
                break;
            default:
                Assert.Fail("unexpected result " + result);
                break;
        }
    }

    public static TheoryData<int, string, Action<HttpResponseHeaders>, TimeSpan> RetryAfterCases => new()
    {
        { 429, "delta seconds", h => h.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(120)), TimeSpan.FromSeconds(120) },
        { 429, "HTTP date", h => h.RetryAfter = new RetryConditionHeaderValue(Now.AddMinutes(5)), TimeSpan.FromMinutes(5) },
        { 429, "HTTP date in the past", h => h.RetryAfter = new RetryConditionHeaderValue(Now.AddMinutes(-5)), TimeSpan.Zero },
        { 503, "raw HTTP date text", h => h.TryAddWithoutValidation("Retry-After", "Thu, 08 Jan 2026 01:31:00 GMT"), TimeSpan.FromMinutes(1) },
        { 503, "fractional seconds", h => h.TryAddWithoutValidation("Retry-After", "1.5"), TimeSpan.FromSeconds(1.5) },
        { 408, "delta on a timeout", h => h.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(3)), TimeSpan.FromSeconds(3) },
    };

    [Theory]
    [MemberData(nameof(RetryAfterCases))]
    public void Retry_after_is_honoured_as_delta_or_date(int status, string because, Action<HttpResponseHeaders> set, TimeSpan expected)
    {
        var result = Assert.IsType<DeliveryResult.Retryable>(HttpStatusClassifier.Classify((HttpStatusCode)status, Headers(set), Now));

        Assert.True(expected == result.RetryAfter, $"{because}: {result.RetryAfter}");
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-5")]
    public void Unreadable_retry_after_is_ignored(string value)
    {
        var result = Assert.IsType<DeliveryResult.Retryable>(
            HttpStatusClassifier.Classify(HttpStatusCode.TooManyRequests, Headers(h => h.TryAddWithoutValidation("Retry-After", value)), Now));

        Assert.Null(result.RetryAfter);
    }

    [Fact]
    public void The_body_snippet_is_kept_short_in_the_detail()
    {
        var result = Assert.IsType<DeliveryResult.Permanent>(HttpStatusClassifier.Classify(HttpStatusCode.BadRequest, null, Now, new string('x', 1000)));

        Assert.StartsWith("HTTP 400: xxx", result.Detail, StringComparison.Ordinal);
        Assert.True(result.Detail.Length < 230);
    }

    public static TheoryData<Exception, FailureReason> Exceptions => new()
    {
        { new TaskCanceledException(), FailureReason.Timeout },
        { new TimeoutException(), FailureReason.Timeout },
        { new HttpRequestException(HttpRequestError.ConnectionError, "refused"), FailureReason.Network },
        { new IOException("reset"), FailureReason.Network },
    };

    [Theory]
    [MemberData(nameof(Exceptions))]
    public void Transport_failures_are_retryable(Exception exception, FailureReason reason)
    {
        var result = Assert.IsType<DeliveryResult.Retryable>(HttpStatusClassifier.ClassifyException(exception));

        Assert.Equal(reason, result.Reason);
        Assert.Null(result.StatusCode);
    }
}
