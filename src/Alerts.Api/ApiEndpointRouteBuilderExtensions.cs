using Alerts.Api.Access;
using Alerts.Api.Endpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Scalar.AspNetCore;

namespace Alerts.Api;

public static class ApiEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Mounts the management API on any ASP.NET Core pipeline: <c>/api/v1/...</c> (tenant key or admin key), health and
    /// readiness without a key, the OpenAPI document at <c>/openapi/v1.json</c>, the API reference page at <c>/scalar</c>,
    /// and the subscriber page at <c>/</c>.
    /// Needs no middleware: authentication and rate limiting run as endpoint filters.
    /// </summary>
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var access = app.ServiceProvider.GetRequiredService<ApiAccess>();
        app.MapOpenApi();
        app.MapScalarApiReference();

        var v1 = app.MapGroup("/api/v1").AddEndpointFilter(Errors.ApiErrors.CatchAsync);
        HealthApi.Map(v1.MapGroup(string.Empty).WithTags("Health"));
        UnsubscribeApi.Map(v1.MapGroup(string.Empty).WithTags("Subscribers"));
        SubscribersApi.Map(v1.MapGroup(string.Empty).WithTags("Subscribers"));

        var admin = v1.MapGroup(string.Empty).WithTags("Tenants").AddEndpointFilter(access.AdminFilterAsync);
        TenantsApi.MapAdmin(admin);

        var tenant = v1.MapGroup(string.Empty).AddEndpointFilter(access.TenantFilterAsync);
        TenantsApi.MapKeys(tenant.MapGroup(string.Empty).WithTags("Keys"));
        CompaniesApi.Map(tenant.MapGroup(string.Empty).WithTags("Companies"));
        WatchlistsApi.Map(tenant.MapGroup(string.Empty).WithTags("Watchlists"));
        RulesApi.Map(tenant.MapGroup(string.Empty).WithTags("Rules"));
        ChannelsApi.Map(tenant.MapGroup(string.Empty).WithTags("Channels"));
        SubscriptionsApi.Map(tenant.MapGroup(string.Empty).WithTags("Subscriptions"));
        AlertsApi.Map(tenant.MapGroup(string.Empty).WithTags("Alerts"));
        DeliveriesApi.Map(tenant.MapGroup(string.Empty).WithTags("Deliveries"));
        BacktestApi.Map(tenant.MapGroup(string.Empty).WithTags("Backtest"));
        Page.PageEndpoints.Map(app);
        return app;
    }
}
