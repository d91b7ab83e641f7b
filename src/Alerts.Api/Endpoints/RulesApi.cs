using Alerts.Api.Access;
using Alerts.Api.Json;
using Alerts.Core.Model;
using Alerts.Core.Ports;
using Alerts.Core.Rules;
using Alerts.Core.Rules.Market;
using Alerts.Storage.Repositories;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Alerts.Api.Endpoints;

/// <summary>Rules of every kind the engine supports, their on/off switch, and a dry run over recent stored events.</summary>
internal static class RulesApi
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/rules", ListAsync).Produces<ItemList<Rule>>();
        group.MapPost("/rules", CreateAsync).Accepts<Rule>("application/json").Produces<Rule>(StatusCodes.Status201Created);
        group.MapGet("/rules/{id}", GetAsync).Produces<Rule>();
        group.MapPut("/rules/{id}", ReplaceAsync).Accepts<Rule>("application/json").Produces<Rule>();
        group.MapDelete("/rules/{id}", DeleteAsync).Produces(StatusCodes.Status204NoContent);
        group.MapPost("/rules/{id}/enable", (string id, HttpContext context, ApiCaller caller, IRuleRepository rules, CancellationToken ct) => SwitchAsync(id, true, context, caller, rules, ct)).Produces<Rule>();
        group.MapPost("/rules/{id}/disable", (string id, HttpContext context, ApiCaller caller, IRuleRepository rules, CancellationToken ct) => SwitchAsync(id, false, context, caller, rules, ct)).Produces<Rule>();
        group.MapPost("/rules/{id}/dry-run", DryRunAsync).Accepts<DryRunRequest>("application/json").Produces<DryRunResult>();
    }

    private static async Task<IResult> ListAsync(ApiCaller caller, IRuleRepository rules, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ItemList<Rule>(await rules.ListAsync(caller.TenantId, cancellationToken)));

    private static async Task<IResult> GetAsync(string id, ApiCaller caller, IRuleRepository rules, CancellationToken cancellationToken) =>
        await rules.GetAsync(caller.TenantId, id, cancellationToken) is { } rule ? TypedResults.Ok(rule) : ApiProblems.NotFound("rule", id);

    private static async Task<IResult> CreateAsync(HttpRequest request, ApiCaller caller, IRuleRepository rules, RuleBinder binder, ApiOptions options, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadObjectAsync(request, options);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var given = body.Value!["id"];
        string? id = null;
        if (given is not null && (given.GetValueKind() != System.Text.Json.JsonValueKind.String || ApiIds.Check(id = given.GetValue<string>()) is not null))
        {
            return ApiProblems.Invalid([ApiIds.Check(id) ?? new FieldError("id", "must be a string")]);
        }

        id ??= ApiIds.New(ApiIds.Rule);
        var (rule, errors) = await binder.ReadAsync(body.Value, caller.TenantId, id, cancellationToken);
        if (rule is null)
        {
            return ApiProblems.Invalid(errors);
        }

        if (await rules.GetAsync(caller.TenantId, id, cancellationToken) is not null)
        {
            return ApiProblems.Conflict($"rule '{id}' exists; use PUT to change it");
        }

        await rules.UpsertAsync(rule, cancellationToken);
        ApiIds.CatalogChanged(request.HttpContext);
        return TypedResults.Created($"/api/v1/rules/{id}", rule);
    }

    private static async Task<IResult> ReplaceAsync(string id, HttpRequest request, ApiCaller caller, IRuleRepository rules, RuleBinder binder, ApiOptions options, CancellationToken cancellationToken)
    {
        if (await rules.GetAsync(caller.TenantId, id, cancellationToken) is null)
        {
            return ApiProblems.NotFound("rule", id);
        }

        var body = await JsonBody.ReadObjectAsync(request, options);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        if (body.Value!["id"] is { } given && (given.GetValueKind() != System.Text.Json.JsonValueKind.String || given.GetValue<string>() != id))
        {
            return ApiProblems.Invalid("id", "must match the URL or be left out");
        }

        var (rule, errors) = await binder.ReadAsync(body.Value, caller.TenantId, id, cancellationToken);
        if (rule is null)
        {
            return ApiProblems.Invalid(errors);
        }

        await rules.UpsertAsync(rule, cancellationToken);
        ApiIds.CatalogChanged(request.HttpContext);
        return TypedResults.Ok(rule);
    }

    private static async Task<IResult> DeleteAsync(
        string id, HttpContext context, ApiCaller caller, IRuleRepository rules, ISubscriptionRepository subscriptions, ITenantCatalogRepository catalog, CancellationToken cancellationToken)
    {
        if (await rules.GetAsync(caller.TenantId, id, cancellationToken) is null)
        {
            return ApiProblems.NotFound("rule", id);
        }

        var users = (await subscriptions.ListAsync(caller.TenantId, cancellationToken)).Where(s => s.RuleId == id).Select(s => s.Id).ToList();
        if (users.Count > 0)
        {
            return ApiProblems.Conflict($"rule '{id}' is used by subscription(s) {string.Join(", ", users.Select(u => $"'{u}'"))}; delete them first");
        }

        await catalog.DeleteRuleAsync(caller.TenantId, id, cancellationToken);
        ApiIds.CatalogChanged(context);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> SwitchAsync(string id, bool enabled, HttpContext context, ApiCaller caller, IRuleRepository rules, CancellationToken cancellationToken)
    {
        if (await rules.GetAsync(caller.TenantId, id, cancellationToken) is not { } rule)
        {
            return ApiProblems.NotFound("rule", id);
        }

        var switched = rule with { Enabled = enabled };
        await rules.UpsertAsync(switched, cancellationToken);
        ApiIds.CatalogChanged(context);
        return TypedResults.Ok(switched);
    }

    /// <summary>What the rule would have raised on the stored events since a time; nothing is stored or sent.</summary>
    private static async Task<IResult> DryRunAsync(
        string id, HttpRequest request, ApiCaller caller, IRuleRepository rules, IWatchlistRepository watchlists, ICompanyRepository companies,
        ITenantCatalogRepository catalog, IMarketHistoryRepository marketHistory, TimeProvider time, ApiOptions options,
        CancellationToken cancellationToken)
    {
        if (await rules.GetAsync(caller.TenantId, id, cancellationToken) is not { } rule)
        {
            return ApiProblems.NotFound("rule", id);
        }

        var since = time.GetUtcNow() - options.DryRunWindow;
        if (request.ContentLength is > 0)
        {
            var body = await JsonBody.ReadAsync(request, ApiJsonContext.Default.DryRunRequest, options);
            if (body.Problem is not null)
            {
                return body.Problem;
            }

            since = body.Value!.Since ?? since;
        }

        var book = RuleBinder.Book(rule, await watchlists.ListAsync(caller.TenantId, cancellationToken), await companies.ListAsync(cancellationToken));
        var history = new List<MarketEvent>();
        await foreach (var marketEvent in catalog.EventsSinceAsync(since, cancellationToken))
        {
            history.Add(marketEvent);
        }

        var market = await StoredClosesForBacktest.LoadAsync(marketHistory, book, since, cancellationToken);
        var result = Backtest.Explain(book, history, market);
        return TypedResults.Ok(new DryRunResult(since, history.Count, result.Alerts, result.HeldBack));
    }
}
