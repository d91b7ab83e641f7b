using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alerts.Core.Handlers;
using Alerts.Core.Model;
using Alerts.Core.Ports;
using Alerts.Core.Serialization;
using Alerts.Hosting.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Host.Functions;

/// <summary>
/// HTTP-triggered functions. The host has already checked the function key; it sends the request as
/// <c>Data.req = {Url, Method, Query, Headers, Params, Identities, Body}</c> with <c>Body</c> a string (base64 for binary
/// content types), and returns our <c>res</c> output to the caller.
/// </summary>
public static class HttpFunctions
{
    private const string ProblemContentType = "application/problem+json";

    /// <summary>
    /// POST /api/events: one event or an array, all validated before any is ingested (a bad body changes nothing and the
    /// 400 problem says why); accepted events go to queue "events"; the caller gets 202 with the counts.
    /// </summary>
    public static async Task<InvocationResult> PushEventsAsync(Invocation invocation, FunctionServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(services);
        var result = new InvocationResult(invocation.Function);
        var events = invocation.Function.OutputTo(FunctionRegistry.Queues.Events);
        var (body, malformed) = RequestBody(InvocationPayload.Object(invocation.Trigger));
        if (body is null)
        {
            return result.Output(events, new JsonArray()).Http(StatusCodes.Status400BadRequest, Problem("Malformed event payload", malformed!), ProblemContentType);
        }

        var items = body as JsonArray ?? new JsonArray(body.DeepClone());
        var decoded = new List<MarketEvent?>();
        var problems = new List<string>();
        for (var i = 0; i < items.Count; i++)
        {
            try
            {
                var marketEvent = items[i]?.Deserialize(AlertsJsonContext.Default.MarketEvent);
                decoded.Add(marketEvent);
                if (EventValidator.Problem(marketEvent) is { } problem)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"[{i}]: {problem}"));
                }
            }
            catch (Exception exception) when (exception is JsonException or NotSupportedException)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"[{i}]: not a valid event: {exception.Message}"));
            }
        }

        if (problems.Count > 0)
        {
            result.Log($"push rejected: {problems.Count} invalid event(s)");
            return result.Output(events, new JsonArray())
                .Http(StatusCodes.Status400BadRequest, Problem("Invalid events; none were accepted", string.Join("; ", problems)), ProblemContentType);
        }

        var ingest = services.Services.GetRequiredService<IngestHandler>();
        var messages = new JsonArray();
        int accepted = 0, duplicates = 0;
        foreach (var marketEvent in decoded.OrderBy(e => e!.OccurredAt))
        {
            var outcome = await ingest.HandleAsync(marketEvent!, cancellationToken);
            if (outcome.Message is { } message)
            {
                messages.Add(TimerFunctions.Json(message));
            }

            accepted += outcome.Outcome == IngestOutcome.Accepted ? 1 : 0;
            duplicates += outcome.Outcome == IngestOutcome.Duplicate ? 1 : 0;
        }

        result.Log(string.Create(CultureInfo.InvariantCulture, $"push: {accepted} new, {duplicates} already seen"));
        return result.Output(events, messages)
            .Http(StatusCodes.Status202Accepted, new JsonObject { ["accepted"] = accepted, ["duplicates"] = duplicates });
    }

    /// <summary>GET /api/health: the store answers, and how much work is pending.</summary>
    public static async Task<InvocationResult> HealthAsync(Invocation invocation, FunctionServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(services);
        var work = services.Services.GetRequiredService<IWorkRepository>();
        var evaluations = await CountAsync(work.ListAsync(WorkStage.Evaluate, cancellationToken), cancellationToken);
        var deliveries = await CountAsync(work.ListAsync(WorkStage.Deliver, cancellationToken), cancellationToken);
        return new InvocationResult(invocation.Function).Http(StatusCodes.Status200OK, new JsonObject
        {
            ["status"] = "healthy",
            ["store"] = services.Pipeline.StoreKind,
            ["pendingEvaluations"] = evaluations,
            ["pendingDeliveries"] = deliveries,
            ["deliveryEnabled"] = services.Services.GetRequiredService<AlertsSettings>().DeliveryEnabled,
        });
    }

    /// <summary>The request body as JSON: <c>Body</c> is normally a string of JSON text; base64 (binary content types) and an already-parsed object are accepted too.</summary>
    private static (JsonNode? Body, string? Problem) RequestBody(JsonObject? request)
    {
        if (request is null)
        {
            return (null, "the trigger carried no HTTP request");
        }

        var raw = request["Body"] ?? request["body"];
        if (raw is JsonValue value && value.GetValueKind() == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetValue<string>()))
        {
            return (null, "the request body is empty; send one event or an array of events as JSON");
        }

        var body = InvocationPayload.Body(raw, out var problem);
        return body is null ? (null, problem?.Replace("message", "request", StringComparison.Ordinal)) : (body, null);
    }

    private static JsonObject Problem(string title, string detail) => new()
    {
        ["type"] = "about:blank",
        ["title"] = title,
        ["status"] = StatusCodes.Status400BadRequest,
        ["detail"] = detail,
    };

    private static async Task<int> CountAsync<T>(IAsyncEnumerable<T> items, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var _ in items.WithCancellation(cancellationToken))
        {
            count++;
        }

        return count;
    }
}
