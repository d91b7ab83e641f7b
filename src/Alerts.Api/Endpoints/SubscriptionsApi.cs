using Alerts.Api.Access;
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

    private static async Task<IResult> CreateAsync(HttpRequest request, ApiCaller caller, Deps deps, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, ApiJsonContext.Default.SubscriptionRequest, deps.Options);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var id = body.Value!.Id ?? ApiIds.New(ApiIds.Subscription);
        var (subscription, problem) = await BuildAsync(body.Value, id, caller, deps, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (await deps.Catalog.GetSubscriptionAsync(caller.TenantId, id, cancellationToken) is not null)
        {
            return ApiProblems.Conflict($"subscription '{id}' exists; use PUT to change it");
        }

        await deps.Subscriptions.UpsertAsync(subscription!, cancellationToken);
        ApiIds.CatalogChanged(request.HttpContext);
        return TypedResults.Created($"/api/v1/subscriptions/{id}", subscription);
    }

    private static async Task<IResult> ReplaceAsync(string id, HttpRequest request, ApiCaller caller, Deps deps, CancellationToken cancellationToken)
    {
        if (await deps.Catalog.GetSubscriptionAsync(caller.TenantId, id, cancellationToken) is null)
        {
            return ApiProblems.NotFound("subscription", id);
        }

        var body = await JsonBody.ReadAsync(request, ApiJsonContext.Default.SubscriptionRequest, deps.Options);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        if (body.Value!.Id is { } given && given != id)
        {
            return ApiProblems.Invalid("id", "must match the URL or be left out");
        }

        var (subscription, problem) = await BuildAsync(body.Value, id, caller, deps, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        await deps.Subscriptions.UpsertAsync(subscription!, cancellationToken);
        ApiIds.CatalogChanged(request.HttpContext);
        return TypedResults.Ok(subscription);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, ApiCaller caller, ITenantCatalogRepository catalog, CancellationToken cancellationToken)
    {
        if (!await catalog.DeleteSubscriptionAsync(caller.TenantId, id, cancellationToken))
        {
            return ApiProblems.NotFound("subscription", id);
        }

        ApiIds.CatalogChanged(context);
        return TypedResults.NoContent();
    }

    private static async Task<(Subscription? Subscription, IResult? Problem)> BuildAsync(
        SubscriptionRequest request, string id, ApiCaller caller, Deps deps, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (ApiIds.Check(request.Id) is { } idError)
        {
            errors.Add(idError);
        }

        if (await deps.Rules.GetAsync(caller.TenantId, request.RuleId, cancellationToken) is null)
        {
            errors.Add(new FieldError("ruleId", $"no rule '{request.RuleId}'"));
        }

        if (request.ChannelIds.Count is 0 or > MaxChannels)
        {
            errors.Add(new FieldError("channelIds", $"must name 1 to {MaxChannels} channels"));
        }
        else
        {
            var known = (await deps.Channels.ListAsync(caller.TenantId, cancellationToken)).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < request.ChannelIds.Count; i++)
            {
                if (!known.Contains(request.ChannelIds[i]))
                {
                    errors.Add(new FieldError($"channelIds[{i}]", $"no channel '{request.ChannelIds[i]}'"));
                }
            }
        }

        return errors.Count > 0
            ? (null, ApiProblems.Invalid(errors))
            : (new Subscription(caller.TenantId, id, request.RuleId, [.. request.ChannelIds.Distinct(StringComparer.Ordinal)]), null);
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
