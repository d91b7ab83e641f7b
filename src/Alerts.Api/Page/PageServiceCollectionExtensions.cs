using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Api.Page;

internal static class PageServiceCollectionExtensions
{
    /// <summary>Razor components rendered as endpoint results, anti-forgery tokens (cookie + form field), page sessions.</summary>
    public static IServiceCollection AddAlertsPage(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "alerts_antiforgery";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.FormFieldName = "__antiforgery";
        });
        services.AddSingleton<PageSessions>();
        services.AddSingleton<RulePages.Deps>();
        return services;
    }
}
