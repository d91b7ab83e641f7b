using Alerts.Api.Access;
using Alerts.Api.Catalog;
using Alerts.Api.Json;
using Alerts.Core.Model;
using Alerts.Core.Ports;
using Alerts.Storage.Repositories;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Alerts.Api.Endpoints;

/// <summary>Subscriptions: a rule bound to channels of the same tenant.</summary>
internal static class SubscriptionsApi
{
    private const int MaxChannels = 20;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/subscriptions", ListAsync).Produces<ItemList<Subscription>>();
        group.MapPost("/subscriptions", CreateAsync).Accepts<SubscriptionRequest>("application/json").Produces<Subscription>(StatusCodes.Status201Created);
        group.MapGet("/subscriptions/{id}", GetAsync).Produces<Subscription>();
        group.MapPut("/subscriptions/{id}", ReplaceAsync).Accepts<SubscriptionRequest>("application/json").Produces<Subscription>();
        group.MapDelete("/subscriptions/{id}", DeleteAsync).Produces(StatusCodes.Status204NoContent);
    }

    private static async Task<IResult> ListAsync(ApiCaller caller, ISubscriptionRepository subscriptions, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ItemList<Subscription>(await subscriptions.ListAsync(caller.TenantId, cancellationToken)));

    private static async Task<IResult> GetAsync(string id, ApiCaller caller, ITenantCatalogRepository catalog, CancellationToken cancellationToken) =>
        await catalog.GetSubscriptionAsync(caller.TenantId, id, cancellationToken) is { } subscription ? TypedResults.Ok(subscription) : ApiProblems.NotFound("subscription", id);

    private static Task<IResult> CreateAsync(HttpRequest request, ApiCaller caller, Deps deps, CancellationToken cancellationToken) =>
        CatalogWrite.CreateAsync(Item(caller, deps), request, deps.Options, cancellationToken);

    private static Task<IResult> ReplaceAsync(string id, HttpRequest request, ApiCaller caller, Deps deps, CancellationToken cancellationToken) =>
        CatalogWrite.ReplaceAsync(Item(caller, deps), id, request, deps.Options, cancellationToken);

    private static CatalogItem<SubscriptionRequest, Subscription, Subscription> Item(ApiCaller caller, Deps deps) => new(
        "subscription", "subscriptions", ApiIds.Subscription, ApiJsonContext.Default.SubscriptionRequest, r => r.Id,
        (id, ct) => deps.Catalog.GetSubscriptionAsync(caller.TenantId, id, ct),
        (r, id, _, ct) => BuildAsync(r, id, caller.TenantId, deps, ct),
        deps.Subscriptions.UpsertAsync,
        s => s);

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, ApiCaller caller, ITenantCatalogRepository catalog, CancellationToken cancellationToken)
    {
        if (!await catalog.DeleteSubscriptionAsync(caller.TenantId, id, cancellationToken))
        {
            return ApiProblems.NotFound("subscription", id);
        }

        ApiIds.CatalogChanged(context);
        return TypedResults.NoContent();
    }

    internal static async Task<(Subscription? Subscription, IResult? Problem)> BuildAsync(
        SubscriptionRequest request, string id, string tenantId, Deps deps, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (await deps.Rules.GetAsync(tenantId, request.RuleId, cancellationToken) is null)
        {
            errors.Add(new FieldError("ruleId", $"no rule '{request.RuleId}'"));
        }

        if (request.ChannelIds.Count is 0 or > MaxChannels)
        {
            errors.Add(new FieldError("channelIds", $"must name 1 to {MaxChannels} channels"));
        }
        else
        {
            var known = (await deps.Channels.ListAsync(tenantId, cancellationToken)).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < request.ChannelIds.Count; i++)
            {
                if (!known.Contains(request.ChannelIds[i]))
                {
                    errors.Add(new FieldError($"channelIds[{i}]", $"no channel '{request.ChannelIds[i]}'"));
                }
            }
        }

        var subscription = new Subscription(
            tenantId, id, request.RuleId, [.. request.ChannelIds.Distinct(StringComparer.Ordinal)],
            request.Templates, request.TimeZone, request.QuietHours, request.Digest);
        var wording = new List<ImportError>();
        CatalogValidator.ValidateWording(string.Empty, subscription, wording);
        errors.AddRange(wording.Select(e => new FieldError(e.Path.TrimStart('.'), e.Message)));

        return errors.Count > 0 ? (null, ApiProblems.Invalid(errors)) : (subscription, null);
    }

    /// <summary>What the subscription handlers share, bound as one parameter.</summary>
    internal sealed class Deps(ISubscriptionRepository subscriptions, IRuleRepository rules, IChannelRepository channels, ITenantCatalogRepository catalog, ApiOptions options)
    {
        public ISubscriptionRepository Subscriptions => subscriptions;

        public IRuleRepository Rules => rules;

        public IChannelRepository Channels => channels;

        public ITenantCatalogRepository Catalog => catalog;

        public ApiOptions Options => options;
    }
}
