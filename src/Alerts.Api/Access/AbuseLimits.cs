using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

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
        _clients = FixedWindows.Create(options.PublicRequestsPerWindow, options.PublicRateLimitWindow);
        _addresses = FixedWindows.Create(options.MailsPerAddressPerWindow, options.MailRateLimitWindow);
        _testSends = FixedWindows.Create(options.TestSendsPerChannelPerWindow, options.PublicRateLimitWindow);
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
        return lease.IsAcquired ? null : FixedWindows.WaitSeconds(lease, _options.PublicRateLimitWindow);
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
        return lease.IsAcquired ? null : FixedWindows.SetRetryAfter(http, lease, _options.PublicRateLimitWindow);
    }
}
