using Alerts.Api.Access;
using Alerts.Api.Subscribers;
using Alerts.Storage.Repositories;
using Microsoft.AspNetCore.Http;

namespace Alerts.Api.Page;

/// <summary>Who is signed in to the page: a subscriber by email link, or a team member with the team's API key.</summary>
public sealed record PageUser(string TenantId, string Kind, string Id)
{
    public const string ByEmail = "email";
    public const string ByKey = "key";

    public string Display => Kind == ByEmail ? Id : "API key alk_" + Id;
}

/// <summary>
/// Page sessions as a signed, expiring cookie (HttpOnly, SameSite=Lax, Secure except on a loopback host). Every request
/// checks the session still stands: a revoked key or an address no longer confirmed ends it.
/// </summary>
public sealed class PageSessions(SignedTokens tokens, SubscriberAccounts accounts, IApiKeyRepository keys, ApiOptions options)
{
    public const string CookieName = "alerts_session";

    public void SignIn(HttpContext context, PageUser user)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(user);
        var token = tokens.Create(SignedTokens.Session, options.SessionLifetime, user.Kind, user.Id, user.TenantId);
        context.Response.Cookies.Append(CookieName, token, Cookie(context, options.SessionLifetime));
    }

    public static void SignOut(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Delete(CookieName, Cookie(context, null));
    }

    public async Task<PageUser?> CurrentAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (tokens.Read(SignedTokens.Session, context.Request.Cookies[CookieName], 3) is not [var kind, var id, var tenantId])
        {
            return null;
        }

        var stands = kind switch
        {
            PageUser.ByEmail => await accounts.TenantOfAsync(id, context.RequestAborted) == tenantId,
            PageUser.ByKey => await keys.GetAsync(id, context.RequestAborted) is { Value: { RevokedAt: null } key } && key.TenantId == tenantId,
            _ => false,
        };
        return stands ? new PageUser(tenantId, kind, id) : null;
    }

    /// <summary>The tenant key a team member typed, checked like the API checks it; null when it is not a valid key.</summary>
    public async Task<PageUser?> FromKeyAsync(string? key, CancellationToken cancellationToken)
    {
        var trimmed = key?.Trim() ?? string.Empty;
        if (ApiKeys.IdOf(trimmed) is not { } id || await keys.GetAsync(id, cancellationToken) is not { Value: { RevokedAt: null } stored }
            || !ApiKeys.Matches(trimmed, stored.Hash))
        {
            return null;
        }

        return new PageUser(stored.TenantId, PageUser.ByKey, id);
    }

    /// <summary>Browsers keep Secure cookies only over https; plain http is accepted on the loopback host alone.</summary>
    public static bool IsLoopback(HttpRequest request) =>
        request.Host.Host is "localhost" or "127.0.0.1" or "[::1]" or "::1";

    private static CookieOptions Cookie(HttpContext context, TimeSpan? lifetime) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = context.Request.IsHttps || !IsLoopback(context.Request),
        Path = "/",
        MaxAge = lifetime,
    };
}
