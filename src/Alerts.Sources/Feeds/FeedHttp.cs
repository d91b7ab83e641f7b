using System.Net;
using Alerts.Core.Notifications;

namespace Alerts.Sources.Feeds;

/// <summary>
/// Sends one feed request and classifies every failure at this edge: 429 rate-limited (with Retry-After), 5xx server error,
/// other non-2xx rejected, HttpClient.Timeout expiry timeout, connection failure network. Caller cancellation still throws.
/// A Retry-After date counts from the server's own Date header when it sends one, else from the given clock.
/// </summary>
internal static class FeedHttp
{
    public static async Task<(FeedResponse? Response, FeedError? Error)> SendAsync(
        HttpClient http, HttpRequestMessage request, TimeProvider clock, CancellationToken cancellationToken)
    {
        using (request)
        {
            var where = request.RequestUri!.Host + request.RequestUri.AbsolutePath;
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    return (null, Classify(response, where, clock));
                }

                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                return (new FeedResponse(body, response.Content.Headers.ContentType?.CharSet), null);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return (null, new FeedError(FeedErrorKind.Timeout, $"{where}: no answer within {http.Timeout.TotalSeconds:0.###} s"));
            }
            catch (FeedHeldException held)
            {
                return (null, new FeedError(
                    held.RateLimited ? FeedErrorKind.RateLimited : FeedErrorKind.ServerError, held.Message, null, held.Remaining));
            }
            catch (HttpRequestException ex)
            {
                return (null, new FeedError(FeedErrorKind.Network, $"{where}: {ex.Message}"));
            }
        }
    }

    private static FeedError Classify(HttpResponseMessage response, string where, TimeProvider clock)
    {
        var status = (int)response.StatusCode;
        var message = $"{where}: HTTP {status} {response.ReasonPhrase}".TrimEnd();
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var retryAfter = HttpStatusClassifier.RetryAfter(response.Headers, response.Headers.Date ?? clock.GetUtcNow());
            return new FeedError(
                FeedErrorKind.RateLimited,
                retryAfter is { } wait ? $"{message} (retry after {wait.TotalSeconds:0} s)" : message,
                status,
                retryAfter);
        }

        return new FeedError(status >= 500 ? FeedErrorKind.ServerError : FeedErrorKind.Rejected, message, status);
    }
}
