using System.Globalization;
using System.Text.Json.Nodes;
using Alerts.Api.Endpoints;
using Alerts.Api.Json;
using Alerts.Api.Page.Components;
using Alerts.Core.Model;
using Alerts.Core.Ports;
using Alerts.Storage.Repositories;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Alerts.Api.Page;

/// <summary>
/// Rules in plain words: the form is turned into the API's own rule body and subscription request, validated by the same
/// code as <c>POST /api/v1/rules</c> and <c>/subscriptions</c>, and the API's messages are shown next to the fields they name.
/// </summary>
internal static class RulePages
{
    private const string Title = "Rules";

    public static void Map(RouteGroupBuilder page, RouteGroupBuilder forms)
    {
        page.MapGet("/rules", (HttpContext http, Deps deps) => RenderAsync(http, deps, new RuleForm(ChannelIds: [Subscribers.SubscriberAccounts.EmailChannelId]), null));
        forms.MapPost("/rules", CreateAsync);
        forms.MapPost("/rules/delete", DeleteAsync);
    }

    private static async Task<IResult> CreateAsync(HttpContext http, Deps deps)
    {
        var user = PageUserFilter.User(http);
        var fields = await http.Request.ReadFormAsync(http.RequestAborted);
        var form = new RuleForm(
            fields["name"], fields["kind"].ToString() is { Length: > 0 } kind ? kind : "announcement", fields["watchlist"], [.. fields["categories"].Select(c => c ?? string.Empty)],
            fields["keywordsAny"], fields["thresholdPercent"], fields["moveDirection"], fields["level"], fields["crossDirection"],
            fields["frequency"].ToString() is { Length: > 0 } often ? often : "EveryTime", [.. fields["channelIds"].Select(c => c ?? string.Empty)], fields["timeZone"],
            fields["quietFrom"], fields["quietUntil"], fields["digestAt"]);
        if (form.ChannelIds is not { Count: > 0 })
        {
            return await RenderAsync(http, deps, form, PageErrors.Of(new FieldError("channelIds", "choose at least one channel to send these alerts to")), StatusCodes.Status400BadRequest);
        }

        var id = ApiIds.New(ApiIds.Rule);
        var (rule, errors) = await deps.Binder.ReadAsync(Body(form), user.TenantId, id, http.RequestAborted);
        if (rule is null)
        {
            return await RenderAsync(http, deps, form, PageErrors.Of(errors.Select(e => e with { Field = FormField(e.Field) })), StatusCodes.Status400BadRequest);
        }

        await deps.Rules.UpsertAsync(rule, http.RequestAborted);
        var zone = string.IsNullOrWhiteSpace(form.TimeZone) ? null : form.TimeZone.Trim();
        var (subscription, problem) = await SubscriptionsApi.BuildAsync(
            new SubscriptionRequest(id, form.ChannelIds, TimeZone: zone, QuietHours: Quiet(form), Digest: Digest(form)),
            ApiIds.New(ApiIds.Subscription), user.TenantId, deps.Subscriptions, http.RequestAborted);
        if (subscription is null)
        {
            await deps.Catalog.DeleteRuleAsync(user.TenantId, id, http.RequestAborted); // the pair is saved whole or not at all
            return await RenderAsync(http, deps, form, PageErrors.Of(problem!, "channelIds", ScheduleField), StatusCodes.Status400BadRequest);
        }

        await deps.Subscriptions.Subscriptions.UpsertAsync(subscription, http.RequestAborted);
        ApiIds.CatalogChanged(http);
        return PageResults.SeeOther("/rules");
    }

    /// <summary>Quiet hours when either end is filled in (a missing end is then refused by the API, next to the field).</summary>
    private static QuietHours? Quiet(RuleForm form) =>
        string.IsNullOrWhiteSpace(form.QuietFrom) && string.IsNullOrWhiteSpace(form.QuietUntil)
            ? null
            : new QuietHours(form.QuietFrom?.Trim() ?? string.Empty, form.QuietUntil?.Trim() ?? string.Empty);

    private static DigestSchedule? Digest(RuleForm form) => string.IsNullOrWhiteSpace(form.DigestAt) ? null : new DigestSchedule([form.DigestAt.Trim()]);

    /// <summary>The API's field names for a subscription, as the form's inputs are named.</summary>
    private static string ScheduleField(string field) => field switch
    {
        _ when field.StartsWith("channelIds", StringComparison.Ordinal) => "channelIds",
        "quietHours.from" or "quietHours" => "quietFrom",
        "quietHours.until" => "quietUntil",
        "digest.at" => "digestAt",
        _ => field,
    };

    private static async Task<IResult> DeleteAsync(HttpContext http, Deps deps)
    {
        var user = PageUserFilter.User(http);
        var id = (await http.Request.ReadFormAsync(http.RequestAborted))["rule"].ToString();
        foreach (var subscription in (await deps.Subscriptions.Subscriptions.ListAsync(user.TenantId, http.RequestAborted)).Where(s => s.RuleId == id))
        {
            await deps.Catalog.DeleteSubscriptionAsync(user.TenantId, subscription.Id, http.RequestAborted);
        }

        await deps.Catalog.DeleteRuleAsync(user.TenantId, id, http.RequestAborted);
        ApiIds.CatalogChanged(http);
        return PageResults.SeeOther("/rules");
    }

    /// <summary>The import format's rule, as a client of <c>POST /api/v1/rules</c> would send it.</summary>
    private static JsonObject Body(RuleForm form)
    {
        var body = new JsonObject
        {
            ["kind"] = form.Kind,
            ["name"] = form.Name ?? string.Empty,
            ["companies"] = new JsonObject { ["watchlist"] = form.Watchlist ?? string.Empty },
            ["frequency"] = new JsonObject { ["kind"] = form.Frequency },
        };
        switch (form.Kind)
        {
            case "announcement":
                body["categories"] = new JsonArray([.. (form.Categories ?? []).Select(c => (JsonNode)JsonValue.Create(c))]);
                body["keywordsAny"] = new JsonArray([.. (form.Keywords ?? string.Empty).Split([',', '，', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(k => (JsonNode)JsonValue.Create(k))]);
                break;
            case "priceMove":
                body["thresholdPercent"] = Number(form.ThresholdPercent);
                body["direction"] = form.MoveDirection ?? "Either";
                break;
            case "priceLevel":
                body["level"] = Number(form.Level);
                body["direction"] = form.CrossDirection ?? "Above";
                break;
        }

        return body;
    }

    /// <summary>A number as a number; anything else as typed, so the API's own message names the field.</summary>
    private static JsonNode? Number(string? text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? JsonValue.Create(value) : text is null ? null : JsonValue.Create(text);

    private static string FormField(string apiField) => apiField switch
    {
        _ when apiField.StartsWith("companies", StringComparison.Ordinal) => "watchlist",
        _ when apiField.StartsWith("frequency", StringComparison.Ordinal) => "frequency",
        _ when apiField.StartsWith("categories", StringComparison.Ordinal) => "categories",
        _ when apiField.StartsWith("keywordsAny", StringComparison.Ordinal) => "keywordsAny",
        "direction" => "direction",
        "$" or "kind" => "kind",
        _ => apiField,
    };

    private static async Task<IResult> RenderAsync(HttpContext http, Deps deps, RuleForm form, IReadOnlyDictionary<string, string[]>? errors, int status = StatusCodes.Status200OK)
    {
        var user = PageUserFilter.User(http);
        var watchlists = await deps.Watchlists.ListAsync(user.TenantId, http.RequestAborted);
        var channels = await deps.Subscriptions.Channels.ListAsync(user.TenantId, http.RequestAborted);
        var subscriptions = await deps.Subscriptions.Subscriptions.ListAsync(user.TenantId, http.RequestAborted);
        string Scope(string? watchlist) => watchlist is null ? "a company" : $"a company on “{watchlists.FirstOrDefault(w => w.Id == watchlist)?.Name ?? watchlist}”";
        var rules = (await deps.Rules.ListAsync(user.TenantId, http.RequestAborted))
            .Select(r =>
            {
                var bound = subscriptions.Where(s => s.RuleId == r.Id).ToList();
                return new RuleLine(
                    r.Id, r.Name, RuleWords.Describe(r, Scope), r.Enabled,
                    [.. bound.SelectMany(s => s.ChannelIds).Distinct().Select(c => channels.FirstOrDefault(x => x.Id == c)?.Name ?? c)],
                    bound.Select(s => s.TimeZone).FirstOrDefault(z => z is not null),
                    bound.Select(Schedule).FirstOrDefault(s => s is not null));
            })
            .ToList();
        return PageResults.Render<RulesPage>(
            PageResults.Frame(http, Title, user, null, "/rules"),
            new RulesModel(rules, watchlists, [.. channels.Select(ChannelsApi.View)], form, errors),
            status);
    }

    private static string? Schedule(Subscription subscription) =>
        subscription.Digest is { } digest ? $"a digest at {string.Join(", ", digest.At)}"
        : subscription.QuietHours is { } quiet ? $"quiet {quiet.From}–{quiet.Until}"
        : null;

    /// <summary>What the rule pages use, bound as one parameter.</summary>
    internal sealed class Deps(RuleBinder binder, IRuleRepository rules, IWatchlistRepository watchlists, ITenantCatalogRepository catalog, SubscriptionsApi.Deps subscriptions)
    {
        public RuleBinder Binder => binder;

        public IRuleRepository Rules => rules;

        public IWatchlistRepository Watchlists => watchlists;

        public ITenantCatalogRepository Catalog => catalog;

        public SubscriptionsApi.Deps Subscriptions => subscriptions;
    }
}
