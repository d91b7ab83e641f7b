using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Alerts.Core.Notifications;

namespace Alerts.Delivery.Email.SendGrid;

/// <summary>
/// What SendGrid's Mail Send answers mean: 202 queued (200 in sandbox mode); 400 lists every problem in an
/// <c>errors</c> array, surfaced whole; 401/403 are the account's or key's fault, said in words an operator can act on;
/// 429 waits for <c>X-RateLimit-Reset</c> (epoch seconds) or Retry-After; 5xx is retried; other 4xx are not.
/// </summary>
public static class SendGridAnswer
{
    public static DeliveryResult Classify(int status, HttpResponseHeaders? headers, string? body, DateTimeOffset now)
    {
        return status switch
        {
            // SendGrid's 202 has no body; its message id is what ties the attempt to SendGrid's activity feed and events.
            >= 200 and < 300 => new DeliveryResult.Delivered(
                status, headers?.TryGetValues("X-Message-Id", out var ids) == true ? "X-Message-Id: " + ids.First() : body is { Length: > 0 } ? body : null),
            400 => new DeliveryResult.Permanent(FailureReason.Rejected, "SendGrid refused the message (400): " + Errors(body), status),
            401 => new DeliveryResult.Permanent(FailureReason.Rejected,
                "SendGrid did not accept the API key (401): set the SendGrid API key setting to a valid key", status),
            403 => new DeliveryResult.Permanent(FailureReason.Rejected,
                "SendGrid refused this key (403): give the key Mail Send permission, verify the sender address or domain, or check the account is not blocked; " + Errors(body), status),
            413 => new DeliveryResult.Permanent(FailureReason.Rejected, "SendGrid says the message is too large (413)", status),
            429 => new DeliveryResult.Retryable(FailureReason.RateLimited, "SendGrid rate limit reached (429)", status, ResetAfter(headers, now)),
            >= 500 => new DeliveryResult.Retryable(FailureReason.ServerError, $"SendGrid server error ({status}): " + Errors(body), status, HttpStatusClassifier.RetryAfter(headers, now)),
            _ => HttpStatusClassifier.Classify((HttpStatusCode)status, headers, now, body),
        };
    }

    /// <summary>"field: message; field: message" from SendGrid's error array, or the (redacted) body when it is not one.</summary>
    public static string Errors(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return "(no details)";
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                var items = errors.EnumerateArray().Select(e =>
                {
                    var message = e.TryGetProperty("message", out var m) ? m.ToString() : "error";
                    return e.TryGetProperty("field", out var f) && f.ValueKind == JsonValueKind.String ? $"{f.GetString()}: {message}" : message;
                });
                return string.Join("; ", items);
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall through to the raw (already redacted) text.
        }

        return body.Length <= 300 ? body : body[..300] + "…";
    }

    private static TimeSpan? ResetAfter(HttpResponseHeaders? headers, DateTimeOffset now)
    {
        if (headers is not null && headers.TryGetValues("X-RateLimit-Reset", out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch) && epoch < 253402300799)
        {
            var wait = DateTimeOffset.FromUnixTimeSeconds(epoch) - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return HttpStatusClassifier.RetryAfter(headers, now);
    }
}
