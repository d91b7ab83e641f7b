using Alerts.Api.Json;
using Alerts.Storage.Repositories;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Alerts.Api.Endpoints;

/// <summary>Liveness and readiness: the only endpoints that answer without a key.</summary>
internal static class HealthApi
{
    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/health", () => TypedResults.Ok(new HealthView("ok")));
        v1.MapGet("/ready", ReadyAsync).Produces<HealthView>().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>Ready when the store answers a read.</summary>
    private static async Task<IResult> ReadyAsync(ITenantRepository tenants, CancellationToken cancellationToken)
    {
        try
        {
            await tenants.GetAsync("readiness-probe", cancellationToken);
            return TypedResults.Ok(new HealthView("ready"));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return ApiProblems.Status(StatusCodes.Status503ServiceUnavailable, "Not ready", "the store did not answer: " + exception.GetType().Name);
        }
    }
}
