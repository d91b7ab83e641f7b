using Alerts.Api.Access;
using Alerts.Api.Json;
using Alerts.Core.Model;
using Alerts.Core.Ports;
using Alerts.Storage.Repositories;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Alerts.Api.Endpoints;

/// <summary>Alerts with filters and continuation-token paging, and one alert with its deliveries.</summary>
internal static class AlertsApi
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/alerts", ListAsync).Produces<PageView<Alert>>();
        group.MapGet("/alerts/{id}", GetAsync).Produces<AlertDetail>();
    }

    /// <summary>Filters: <c>company</c> (id, code, symbol, name or alias), <c>rule</c>, <c>category</c>, <c>from</c>/<c>to</c> (occurred at).</summary>
    private static async Task<IResult> ListAsync(
        HttpRequest request, ApiCaller caller, ITenantCatalogRepository catalog, ICompanyRepository companies, ICompanyAliasRepository aliases,
        ApiOptions options, CancellationToken cancellationToken)
    {
        var query = new QueryReader(request.Query);
        var rule = query.Text("rule");
        var category = query.Enum<AnnouncementCategory>("category");
        var from = query.Time("from");
        var to = query.Time("to");
        var limit = query.Limit(options);
        string? companyId = null;
        if (query.Text("company") is { } company)
        {
            var resolution = (await CompaniesApi.ResolverAsync(companies, aliases, caller.TenantId, cancellationToken)).Resolve(company);
            companyId = resolution.Company?.Id;
            if (companyId is null)
            {
                query.Errors.Add(new FieldError("company", resolution.Problem(company)));
            }
        }

        if (query.Errors.Count > 0)
        {
            return ApiProblems.Invalid(query.Errors);
        }

        bool Wanted(Alert alert) =>
            (companyId is null || alert.CompanyId == companyId)
            && (rule is null || alert.RuleId == rule)
            && (category is null || alert.Categories.Contains(category.Value))
            && (from is null || alert.OccurredAt >= from)
            && (to is null || alert.OccurredAt < to);

        try
        {
            var page = await catalog.PageAlertsAsync(caller.TenantId, Wanted, limit, query.Text("continuationToken"), cancellationToken);
            return TypedResults.Ok(new PageView<Alert>(page.Items, page.ContinuationToken));
        }
        catch (ArgumentException exception) when (exception.ParamName == "continuationToken")
        {
            return ApiProblems.Invalid("continuationToken", "is not a token this service issued");
        }
    }

    private static async Task<IResult> GetAsync(
        string id, ApiCaller caller, IAlertRepository alerts, IDeliveryRepository deliveries, IDeliveryAttemptRepository attempts, CancellationToken cancellationToken)
    {
        if (await alerts.GetAsync(caller.TenantId, id, cancellationToken) is not { } alert)
        {
            return ApiProblems.NotFound("alert", id);
        }

        var views = new List<DeliveryView>();
        foreach (var delivery in (await deliveries.ListAsync(caller.TenantId, cancellationToken)).Where(d => d.AlertId == id))
        {
            views.Add(new DeliveryView(delivery, await attempts.ListAsync(caller.TenantId, delivery.Id, cancellationToken)));
        }

        return TypedResults.Ok(new AlertDetail(alert, views));
    }
}
