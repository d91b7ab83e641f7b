using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Http;

namespace Alerts.Api.Page;

/// <summary>The signed-in person of a page request; pages behind it send strangers to the first page.</summary>
internal static class PageUserFilter
{
    private static readonly object ItemKey = new();

    public static async ValueTask<object?> RequireAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (await http.RequestServices.GetRequiredService<PageSessions>().CurrentAsync(http) is not { } user)
        {
            return PageResults.SeeOther("/");
        }

        http.Items[ItemKey] = user;
        return await next(context);
    }

    public static PageUser User(HttpContext http) =>
        http.Items.TryGetValue(ItemKey, out var user) && user is PageUser known ? known : throw new InvalidOperationException("The page user filter did not run.");
}
