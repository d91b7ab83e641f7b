using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Alerts.Storage.Repositories;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Alerts.Api.Access;

/// <summary>
/// Authenticates <c>Authorization: Bearer</c> keys (tenant keys by stored hash, the admin key from settings) and applies the
/// per-key rate limit: ASP.NET Core's fixed-window limiter partitioned by key id, checked in an endpoint filter so the API
/// needs no middleware from whichever host mounts it.
/// </summary>
public sealed partial class ApiAccess : IDisposable
{
    private const string AdminPartition = "admin";
    private readonly IApiKeyRepository _keys;
    private readonly TimeProvider _time;
    private readonly ApiOptions _options;
    private readonly ILogger<ApiAccess> _logger;
    private readonly PartitionedRateLimiter<string> _limiter;

    public ApiAccess(IApiKeyRepository keys, TimeProvider time, ApiOptions options, ILogger<ApiAccess> logger)
    {
        _keys = keys;
        _time = time;
        _options = options;
        _logger = logger;
        _limiter = FixedWindows.Create(options.RequestsPerWindow, options.RateLimitWindow);
    }

    /// <summary>The filter in front of every tenant endpoint.</summary>
    public async ValueTask<object?> TenantFilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = BearerToken(http.Request);
        var keyId = key is null ? null : ApiKeys.IdOf(key);
        var stored = keyId is null ? null : await _keys.GetAsync(keyId, http.RequestAborted);
        if (stored is null || stored.Value.RevokedAt is not null || !ApiKeys.Matches(key!, stored.Value.Hash))
        {
            LogRejected(_logger, keyId ?? "(none)");
            return Unauthorized(http);
        }

        if (Limit(http, keyId!) is { } limited)
        {
            return limited;
        }

        await TouchAsync(stored.Value, stored.ETag, http.RequestAborted);
        ApiCaller.Attach(http, stored.Value.TenantId, stored.Value.Id);
        return await next(context);
    }

    /// <summary>The filter in front of the operator's endpoints.</summary>
    public async ValueTask<object?> AdminFilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = BearerToken(http.Request);
        if (string.IsNullOrEmpty(_options.AdminKey) || key is null
            || !CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(key)), SHA256.HashData(Encoding.UTF8.GetBytes(_options.AdminKey))))
        {
            LogRejected(_logger, AdminPartition);
            return Unauthorized(http);
        }

        return Limit(http, AdminPartition) ?? await next(context);
    }

    public void Dispose() => _limiter.Dispose();

    private IResult? Limit(HttpContext http, string partition)
    {
        using var lease = _limiter.AttemptAcquire(partition);
        if (lease.IsAcquired)
        {
            return null;
        }

        var seconds = FixedWindows.SetRetryAfter(http, lease, _options.RateLimitWindow);
        return ApiProblems.Status(StatusCodes.Status429TooManyRequests, "Too many requests", $"this key may make {_options.RequestsPerWindow} requests per {_options.RateLimitWindow}; retry after {seconds} s");
    }

    private async Task TouchAsync(ApiKey key, string etag, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (key.LastUsedAt is { } last && now - last < _options.LastUsedResolution)
        {
            return;
        }

        // A lost race means another request just wrote a fresher time: nothing to do.
        await _keys.TryReplaceAsync(key with { LastUsedAt = now }, etag, cancellationToken);
    }

    private static IResult Unauthorized(HttpContext http)
    {
        http.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        return ApiProblems.Status(StatusCodes.Status401Unauthorized, "Unauthorized", "send a valid, unrevoked key as 'Authorization: Bearer <key>'");
    }

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        return header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && header.Length > prefix.Length ? header[prefix.Length..].Trim() : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "API request rejected: key {KeyId} is unknown, revoked or wrong")]
    private static partial void LogRejected(ILogger logger, string keyId);
}
