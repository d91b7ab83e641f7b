using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Alerts.Api.Access;

/// <summary>The API's rate limits: fixed windows per partition, no queueing, and how a refusal tells the caller when to come back.</summary>
internal static class FixedWindows
{
    public static PartitionedRateLimiter<string> Create(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(partition => RateLimitPartition.GetFixedWindowLimiter(
            partition, _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, permits), Window = window, QueueLimit = 0, AutoReplenishment = true }));

    /// <summary>Whole seconds until a refused lease's window frees a permit (at least 1).</summary>
    public static int WaitSeconds(RateLimitLease lease, TimeSpan fallback)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return Math.Max(1, (int)Math.Ceiling((lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : fallback).TotalSeconds));
    }

    /// <summary>Sets <c>Retry-After</c> on the answer for a refused lease and returns the seconds it says.</summary>
    public static int SetRetryAfter(HttpContext http, RateLimitLease lease, TimeSpan fallback)
    {
        ArgumentNullException.ThrowIfNull(http);
        var seconds = WaitSeconds(lease, fallback);
        http.Response.Headers[HeaderNames.RetryAfter] = seconds.ToString(CultureInfo.InvariantCulture);
        return seconds;
    }
}
