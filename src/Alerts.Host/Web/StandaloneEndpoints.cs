using Alerts.Hosting;
using System.Text.Json;
using Alerts.Core.Handlers;
using Alerts.Core.Model;
using Alerts.Core.Ports;
using Alerts.Core.Serialization;
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
        app.MapGet("/", () => Results.Text("Alerts is running. See /health.\n"));
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
        List<MarketEvent?> events;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            events = document.RootElement.ValueKind == JsonValueKind.Array
                ? [.. document.RootElement.EnumerateArray().Select(e => e.Deserialize(AlertsJsonContext.Default.MarketEvent))]
                : [document.RootElement.Deserialize(AlertsJsonContext.Default.MarketEvent)];
        }
        catch (JsonException exception)
        {
            return Results.Problem(title: "Malformed event payload", detail: exception.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        var problems = events.Select((e, i) => (Index: i, Problem: EventValidator.Problem(e))).Where(p => p.Problem is not null).ToList();
        if (problems.Count > 0)
        {
            return Results.Problem(
                title: "Invalid events; none were accepted",
                detail: string.Join("; ", problems.Select(p => $"[{p.Index}]: {p.Problem}")),
                statusCode: StatusCodes.Status400BadRequest);
        }

        var summary = await pipeline.IngestBatchAsync(events.Select(e => e!), cancellationToken);
        return Results.Json(new PushResult(summary.Accepted, summary.Duplicates), statusCode: StatusCodes.Status202Accepted);
    }

    private sealed record HealthReport(string Status, string Store, long PendingEvaluations, long PendingDeliveries, bool DeliveryEnabled);

    private sealed record PushResult(int Accepted, int Duplicates);
}
