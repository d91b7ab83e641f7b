using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace Alerts.Api.Page;

/// <summary>
/// What every page answer carries (security headers) and every page form must show (an anti-forgery token), as endpoint
/// filters: the page needs no middleware from the host that mounts it, like the API.
/// </summary>
internal static class PageSecurity
{
    /// <summary>No scripts at all, styles from this host only, never framed.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static async ValueTask<object?> HeadersAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        Apply(context.HttpContext.Response);
        return await next(context);
    }

    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
    }

    /// <summary>Refuses a form post whose anti-forgery token (cookie and field) does not check out.</summary>
    public static async ValueTask<object?> AntiforgeryAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return PageResults.Notice(http, "This form has expired", "The page was open too long or came from another site. Go back, reload it and try again.", StatusCodes.Status400BadRequest);
        }

        return await next(context);
    }
}
