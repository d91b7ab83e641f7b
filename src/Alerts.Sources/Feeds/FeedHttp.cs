using System.Net;

namespace Alerts.Sources.Feeds;

/// <summary>
/// Sends one feed request and classifies every failure at this edge: 429 rate-limited (with Retry-After), 5xx server error,
/// other non-2xx rejected, HttpClient.Timeout expiry timeout, connection failure network. Caller cancellation still throws.
/// </summary>
internal static class FeedHttp
{
    public static async Task<(FeedResponse? Response, FeedError? Error)> SendAsync(
        HttpClient http, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            var where = request.RequestUri!.Host + request.RequestUri.AbsolutePath;
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    return (null, Classify(response, where));
                }

                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                return (new FeedResponse(body, response.Content.Headers.ContentType?.CharSet), null);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return (null, new FeedError(FeedErrorKind.Timeout, $"{where}: no answer within {http.Timeout.TotalSeconds:0.###} s"));
            }
            catch (HttpRequestException ex)
            {
                return (null, new FeedError(FeedErrorKind.Network, $"{where}: {ex.Message}"));
            }
        }
    }

    private static FeedError Classify(HttpResponseMessage response, string where)
    {
        var status = (int)response.StatusCode;
        var message = $"{where}: HTTP {status} {response.ReasonPhrase}".TrimEnd();
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var retryAfter = RetryAfter(response);
            return new FeedError(
                FeedErrorKind.RateLimited,
                retryAfter is { } wait ? $"{message} (retry after {wait.TotalSeconds:0} s)" : message,
                status,
                retryAfter);
        }

        return new FeedError(status >= 500 ? FeedErrorKind.ServerError : FeedErrorKind.Rejected, message, status);
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        // A date is relative to the server's own clock, which its Date header states.
        return header?.Date is { } until && response.Headers.Date is { } now && until > now ? until - now : null;
    }
}
