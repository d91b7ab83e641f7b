using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Alerts.Api.Access;

/// <summary>
/// Limits for what anyone can call without a key, and for what sends mail or messages to an address: requests per client
/// (its IP address) on the sign-up, sign-in, confirmation and unsubscribe endpoints and forms; account emails per address
/// (over the limit, nothing is sent but the answer is the same, so the limit neither floods an inbox nor tells whether an
/// address is known); test sends per channel. Counted per instance, like the per-key limit.
/// </summary>
public sealed class AbuseLimits : IDisposable
{
    private readonly ApiOptions _options;
    private readonly PartitionedRateLimiter<string> _clients;
    private readonly PartitionedRateLimiter<string> _addresses;
    private readonly PartitionedRateLimiter<string> _testSends;

    public AbuseLimits(ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _clients = Fixed(options.PublicRequestsPerWindow, options.PublicRateLimitWindow);
        _addresses = Fixed(options.MailsPerAddressPerWindow, options.MailRateLimitWindow);
        _testSends = Fixed(options.TestSendsPerChannelPerWindow, options.PublicRateLimitWindow);
    }

    /// <summary>Endpoint filter for the keyless API endpoints: 429 problem details with Retry-After past the client's limit.</summary>
    public async ValueTask<object?> ApiFilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (RefuseClient(context.HttpContext) is { } seconds)
        {
            return ApiProblems.Status(
                StatusCodes.Status429TooManyRequests, "Too many requests", $"too many requests from your address; retry after {seconds} s");
        }

        return await next(context);
    }

    /// <summary>Endpoint filter for the page's keyless forms: a plain 429 page with Retry-After past the client's limit.</summary>
    public async ValueTask<object?> PageFilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (RefuseClient(context.HttpContext) is { } seconds)
        {
            return Results.Text($"Too many attempts from your address. Try again in {seconds} seconds.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status429TooManyRequests);
        }

        return await next(context);
    }

    /// <summary>True when another account email may go to <paramref name="address"/> now.</summary>
    public bool MayMail(string address)
    {
        using var lease = _addresses.AttemptAcquire(address.ToUpperInvariant());
        return lease.IsAcquired;
    }

    /// <summary>Null when the channel may be tested now; otherwise the seconds to wait.</summary>
    public int? TestSendWait(string tenantId, string channelId)
    {
        using var lease = _testSends.AttemptAcquire(tenantId + "/" + channelId);
        return lease.IsAcquired ? null : Seconds(lease, _options.PublicRateLimitWindow);
    }

    public void Dispose()
    {
        _clients.Dispose();
        _addresses.Dispose();
        _testSends.Dispose();
    }

    private int? RefuseClient(HttpContext http)
    {
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        using var lease = _clients.AttemptAcquire(client);
        if (lease.IsAcquired)
        {
            return null;
        }

        var seconds = Seconds(lease, _options.PublicRateLimitWindow);
        http.Response.Headers[HeaderNames.RetryAfter] = seconds.ToString(CultureInfo.InvariantCulture);
        return seconds;
    }

    private static int Seconds(RateLimitLease lease, TimeSpan fallback) =>
        Math.Max(1, (int)Math.Ceiling((lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : fallback).TotalSeconds));

    private static PartitionedRateLimiter<string> Fixed(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(partition => RateLimitPartition.GetFixedWindowLimiter(
            partition, _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, permits), Window = window, QueueLimit = 0, AutoReplenishment = true }));
}
