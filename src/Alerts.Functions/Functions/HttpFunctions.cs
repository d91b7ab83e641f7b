using Alerts.Core.Handlers;
using Alerts.Core.Ports;
using Alerts.Core.Telemetry;
using Alerts.Functions.Extensions;
using Alerts.Hosting;
using Alerts.Hosting.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;

namespace Alerts.Functions.Functions;

/// <summary>HTTP (ASP.NET Core integration): the push endpoint for events and the health report.</summary>
public sealed class HttpFunctions(IngestHandler ingest, IWorkRepository work, AlertsSettings settings, IConfiguration configuration, AlertQueues queues)
{
    /// <summary>
    /// POST /api/events (function key): one event or an array, all validated before any is ingested, so a bad body changes
    /// nothing and the 400 problem says why; new events go to queue "events"; 202 with the counts.
    /// </summary>
    [Function("PushEvents")]
    public async Task<IResult> PushEventsAsync([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/events")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var reader = new StreamReader(request.Body);
        var batch = EventBatch.Parse(await reader.ReadToEndAsync(cancellationToken));
        if (batch.Refusal() is { } refusal)
        {
            return refusal;
        }

        using var activity = AlertsTelemetry.StartStage("PushEvents", ("alerts.event_count", batch.Events.Count));
        var (accepted, duplicates) = await batch.IngestAsync(ingest, cancellationToken);
        await queues.SendAsync(accepted, cancellationToken);
        AlertsTelemetry.Ingested(accepted.Count, "push");
        return Results.Json(new PushResult(accepted.Count, duplicates), FunctionsJsonContext.Default.PushResult, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>GET /api/health (anonymous): the store answers, and how much work is pending.</summary>
    [Function("Health")]
    public async Task<IResult> HealthAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest request, CancellationToken cancellationToken)
    {
        var evaluations = await work.CountAsync(WorkStage.Evaluate, cancellationToken);
        var deliveries = await work.CountAsync(WorkStage.Deliver, cancellationToken);
        var report = new HealthReport("healthy", StoreFactory.Describe(configuration), evaluations, deliveries, settings.DeliveryEnabled);
        return Results.Json(report, FunctionsJsonContext.Default.HealthReport);
    }
}
