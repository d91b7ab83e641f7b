using System.Text.Json;
using System.Text.Json.Nodes;
using Alerts.Api.Access;
using Alerts.Api.Json;
using Alerts.Core.Companies;
using Alerts.Core.Model;
using Alerts.Core.Ports;
using Alerts.Core.Rules;
using Alerts.Core.Rules.Market;
using Alerts.Storage.Repositories;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Alerts.Api.Endpoints;

/// <summary>
/// Rules that are not saved, run over the stored history of a time range with the live engine's matching and firing:
/// what would have fired, in order. Nothing is stored or sent.
/// </summary>
internal static class BacktestApi
{
    public const int MaxRules = 50;
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(366);

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/backtest", RunAsync).Accepts<BacktestRequestShape>("application/json").Produces<BacktestAnswer>();

    private static async Task<IResult> RunAsync(
        HttpRequest request, ApiCaller caller, RuleBinder binder, IWatchlistRepository watchlists, ICompanyRepository companies,
        ITenantCatalogRepository catalog, IMarketHistoryRepository marketHistory, TimeProvider time, ApiOptions options,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadObjectAsync(request, options);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var json = body.Value!;
        var errors = new List<FieldError>();
        foreach (var unknown in json.Select(p => p.Key).Where(k => k is not ("rules" or "from" or "to")))
        {
            errors.Add(new FieldError(unknown, "is not a known field (rules, from, to)"));
        }

        var now = time.GetUtcNow();
        var from = ReadTime(json, "from", errors) ?? now - options.DryRunWindow;
        var to = ReadTime(json, "to", errors) ?? now;
        if (from >= to)
        {
            errors.Add(new FieldError("to", "must be after from"));
        }
        else if (to - from > MaxRange)
        {
            errors.Add(new FieldError("from", $"the range may cover at most {MaxRange.TotalDays:0} days"));
        }

        var rules = await ReadRulesAsync(json["rules"], caller.TenantId, binder, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var directory = new CompanyDirectory(await companies.ListAsync(cancellationToken));
        var book = RuleBook.Build(rules, await watchlists.ListAsync(caller.TenantId, cancellationToken), directory);
        var history = new List<MarketEvent>();
        await foreach (var marketEvent in catalog.EventsSinceAsync(from, cancellationToken))
        {
            if (marketEvent.OccurredAt < to)
            {
                history.Add(marketEvent);
            }
        }

        var market = await StoredClosesForBacktest.LoadAsync(marketHistory, book, from, cancellationToken);
        var result = Backtest.Explain(book, history, market);
        return TypedResults.Ok(new BacktestAnswer(from, to, history.Count, result.Alerts, result.HeldBack));
    }

    private static async Task<List<Rule>> ReadRulesAsync(
        JsonNode? node, string tenantId, RuleBinder binder, List<FieldError> errors, CancellationToken cancellationToken)
    {
        var rules = new List<Rule>();
        if (node is not JsonArray array || array.Count is 0 or > MaxRules)
        {
            errors.Add(new FieldError("rules", $"must be a list of 1 to {MaxRules} rules"));
            return rules;
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject ruleBody)
            {
                errors.Add(new FieldError($"rules[{i}]", "must be a rule object"));
                continue;
            }

            var id = ruleBody["id"] is JsonValue given && given.GetValueKind() == JsonValueKind.String ? given.GetValue<string>() : $"backtest-{i + 1}";
            var (rule, ruleErrors) = await binder.ReadAsync((JsonObject)ruleBody.DeepClone(), tenantId, id, cancellationToken);
            if (rule is null)
            {
                errors.AddRange(ruleErrors.Select(e => e with { Field = $"rules[{i}].{e.Field}" }));
            }
            else
            {
                rules.Add(rule);
            }
        }

        return rules;
    }

    private static DateTimeOffset? ReadTime(JsonObject body, string field, List<FieldError> errors)
    {
        if (body[field] is not { } node)
        {
            return null;
        }

        if (node is JsonValue value && value.TryGetValue<string>(out var text)
            && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at)
            && text.Contains('T', StringComparison.Ordinal))
        {
            return at;
        }

        errors.Add(new FieldError(field, "must be an ISO 8601 time with an offset, like 2026-01-08T09:30:00+08:00"));
        return null;
    }
}
