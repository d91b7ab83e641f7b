using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Alerts.Api.Page;

/// <summary>
/// The subscriber page at <c>/</c>, mounted next to the API by <see cref="ApiEndpointRouteBuilderExtensions.MapAlertsApi"/>:
/// server-rendered Razor components, plain HTML forms (works with JavaScript off), no scripts, no CDN. Security headers,
/// the session check and anti-forgery validation are endpoint filters, so any host that mounts the API serves the page.
/// </summary>
internal static class PageEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var page = app.MapGroup(string.Empty).AddEndpointFilter(PageSecurity.HeadersAsync).ExcludeFromDescription();
        var forms = page.MapGroup(string.Empty).AddEndpointFilter(PageSecurity.AntiforgeryAsync);
        var signedIn = page.MapGroup(string.Empty).AddEndpointFilter(PageUserFilter.RequireAsync);
        var signedInForms = signedIn.MapGroup(string.Empty).AddEndpointFilter(PageSecurity.AntiforgeryAsync);

        page.MapGet("/page.css", () => TypedResults.Text(PageStyles.Css, "text/css; charset=utf-8"));
        AccountPages.Map(page, forms);
        WatchlistPages.Map(signedIn, signedInForms);
        RulePages.Map(signedIn, signedInForms);
        ChannelPages.Map(signedIn, signedInForms);
        AlertPages.Map(signedIn, signedInForms);
    }
}
