using Alerts.Hosting;
using Alerts.Core.Handlers;
using Alerts.Core.Model;
using Alerts.Core.Ports;
using Alerts.Host.Composition;
using Alerts.Hosting.Configuration;
using Alerts.Host.Standalone;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace Alerts.Host.Web;

/// <summary>The standalone HTTP surface: readiness, health, and the push endpoint for events (price ticks pushed by a feed).</summary>
public static class StandaloneEndpoints
{
    public static IEndpointRouteBuilder MapStandaloneEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", HealthAsync);
        app.MapPost("/api/events", PushEventsAsync);
        return app;
    }

    private static async Task<IResult> HealthAsync(IWorkRepository work, AlertsSettings settings, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var evaluations = await work.CountAsync(WorkStage.Evaluate, cancellationToken);
        var deliveries = await work.CountAsync(WorkStage.Deliver, cancellationToken);
        return Results.Json(new HealthReport("healthy", StoreFactory.Describe(configuration), evaluations, deliveries, settings.DeliveryEnabled));
    }

    /// <summary>Accepts one event or an array. Each is validated; a malformed body changes nothing and says why.</summary>
    private static async Task<IResult> PushEventsAsync(HttpRequest request, InProcessPipeline pipeline, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var batch = EventBatch.Parse(await reader.ReadToEndAsync(cancellationToken));
        if (batch.Refusal() is { } refusal)
        {
            return refusal;
        }

        var summary = await pipeline.IngestBatchAsync(batch.Events, cancellationToken);
        return Results.Json(new PushResult(summary.Accepted, summary.Duplicates), statusCode: StatusCodes.Status202Accepted);
    }

    private sealed record HealthReport(string Status, string Store, long PendingEvaluations, long PendingDeliveries, bool DeliveryEnabled);

    private sealed record PushResult(int Accepted, int Duplicates);
}
