using Alerts.Api.Access;
using Alerts.Api.Json;
using Alerts.Core.Handlers;
using Alerts.Core.Model;
using Alerts.Core.Ports;
using Alerts.Storage.Repositories;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Alerts.Api.Endpoints;

/// <summary>
/// The delivery log with every attempt, and redelivery of dead letters (same delivery id, so receivers still dedupe).
/// A redelivered delivery is due at once: the host's retry sweep sends it.
/// </summary>
internal static class DeliveriesApi
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/deliveries", ListAsync).Produces<PageView<DeliveryView>>();
        group.MapGet("/deliveries/{id}", GetAsync).Produces<DeliveryView>();
        group.MapPost("/deliveries/{id}/redeliver", RedeliverOneAsync).Produces<RedeliverResult>(StatusCodes.Status202Accepted);
        group.MapPost("/deliveries/redeliver", RedeliverSinceAsync).Accepts<RedeliverRequest>("application/json").Produces<RedeliverResult>(StatusCodes.Status202Accepted);
    }

    /// <summary>Filters: <c>status</c>, <c>alert</c>, <c>channel</c>.</summary>
    private static async Task<IResult> ListAsync(
        HttpRequest request, ApiCaller caller, ITenantCatalogRepository catalog, IDeliveryAttemptRepository attempts, ApiOptions options, CancellationToken cancellationToken)
    {
        var query = new QueryReader(request.Query);
        var status = query.Enum<DeliveryStatus>("status");
        var alert = query.Text("alert");
        var channel = query.Text("channel");
        var limit = query.Limit(options);
        if (query.Errors.Count > 0)
        {
            return ApiProblems.Invalid(query.Errors);
        }

        Storage.Repositories.Page<Core.Model.Delivery> page;
        try
        {
            page = await catalog.PageDeliveriesAsync(
                caller.TenantId,
                d => (status is null || d.Status == status) && (alert is null || d.AlertId == alert) && (channel is null || d.ChannelId == channel),
                limit,
                query.Text("continuationToken"),
                cancellationToken);
        }
        catch (ArgumentException exception) when (exception.ParamName == "continuationToken")
        {
            return ApiProblems.Invalid("continuationToken", "is not a token this service issued");
        }

        var views = new List<DeliveryView>(page.Items.Count);
        foreach (var delivery in page.Items)
        {
            views.Add(new DeliveryView(delivery, await attempts.ListAsync(caller.TenantId, delivery.Id, cancellationToken)));
        }

        return TypedResults.Ok(new PageView<DeliveryView>(views, page.ContinuationToken));
    }

    private static async Task<IResult> GetAsync(
        string id, ApiCaller caller, IDeliveryRepository deliveries, IDeliveryAttemptRepository attempts, CancellationToken cancellationToken) =>
        await deliveries.GetAsync(caller.TenantId, id, cancellationToken) is { } delivery
            ? TypedResults.Ok(new DeliveryView(delivery.Value, await attempts.ListAsync(caller.TenantId, id, cancellationToken)))
            : ApiProblems.NotFound("delivery", id);

    private static async Task<IResult> RedeliverOneAsync(
        string id, ApiCaller caller, IDeliveryRepository deliveries, DeadLetterRedelivery redelivery, CancellationToken cancellationToken)
    {
        if (await deliveries.GetAsync(caller.TenantId, id, cancellationToken) is null)
        {
            return ApiProblems.NotFound("delivery", id);
        }

        var (message, problem) = await redelivery.RedeliverAsync(caller.TenantId, id, cancellationToken);
        return message is null
            ? ApiProblems.Conflict(problem!)
            : TypedResults.Accepted($"/api/v1/deliveries/{id}", new RedeliverResult([id], []));
    }

    /// <summary>Every dead letter whose last attempt was due at or after <c>since</c>.</summary>
    private static async Task<IResult> RedeliverSinceAsync(
        HttpRequest request, ApiCaller caller, IDeliveryRepository deliveries, DeadLetterRedelivery redelivery, ApiOptions options, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, ApiJsonContext.Default.RedeliverRequest, options);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var since = body.Value!.Since;
        var done = new List<string>();
        var failed = new List<RedeliverFailure>();
        foreach (var delivery in (await deliveries.ListAsync(caller.TenantId, cancellationToken)).Where(d => d.Status == DeliveryStatus.DeadLettered && d.NextAttemptAt >= since))
        {
            var (message, problem) = await redelivery.RedeliverAsync(caller.TenantId, delivery.Id, cancellationToken);
            if (message is null)
            {
                failed.Add(new RedeliverFailure(delivery.Id, problem!));
            }
            else
            {
                done.Add(delivery.Id);
            }
        }

        return TypedResults.Accepted("/api/v1/deliveries?status=Pending", new RedeliverResult(done, failed));
    }
}
