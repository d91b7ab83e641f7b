using Alerts.Hosting;
using System.Globalization;
using System.Text.Json.Nodes;
using Alerts.Core.Handlers;
using Alerts.Core.Serialization;
using Alerts.Host.Composition;
using Alerts.Hosting.Configuration;
using Alerts.Sources.Feeds;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alerts.Host.Functions;

/// <summary>
/// Timer-triggered functions. The timer payload (<c>{"Schedule":{..},"ScheduleStatus":null|{Last,Next,LastUpdated},"IsPastDue":..}</c>)
/// carries nothing they need beyond logging; a missing or odd payload is not an error. A failure (the store is down) answers
/// 500, which runs the function-level retry policy from function.json; nothing is lost meanwhile, because every ingested
/// event and created delivery has its pending row and the retry sweep re-sends them.
/// </summary>
public static partial class TimerFunctions
{
    /// <summary>Polls every enabled feed source at once; a failing source is logged and skipped, the healthy ones are ingested.</summary>
    public static async Task<InvocationResult> PollSourcesAsync(Invocation invocation, FunctionServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(services);
        var result = new InvocationResult(invocation.Function);
        NoteTimer(invocation, result);
        var sources = services.Services.GetServices<ScheduledFeedSource>().ToList();
        var ingest = services.Services.GetRequiredService<IngestHandler>();
        var outcomes = await Task.WhenAll(sources.Select(source =>
            FeedPolling.PollAndIngestAsync(source.Source, ingest.HandleAsync, services.Logger, cancellationToken)));
        var messages = new JsonArray([.. outcomes.SelectMany(o => o.Accepted).Select(Json)]);
        foreach (var outcome in outcomes)
        {
            result.Log(outcome.ToString());
        }

        if (sources.Count == 0)
        {
            result.Log("no feed source is enabled (Alerts:PollSources is false or Alerts:Sources lists none)");
        }

        return result.Output(invocation.Function.OutputTo(FunctionRegistry.Queues.Events), messages);
    }

    /// <summary>The retry sweep: pending work whose due time has passed is sent again to its queue.</summary>
    public static async Task<InvocationResult> RetryDueAsync(Invocation invocation, FunctionServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(services);
        var result = new InvocationResult(invocation.Function);
        NoteTimer(invocation, result);
        var sweep = await services.Services.GetRequiredService<RetryDueHandler>().HandleAsync(everything: false, cancellationToken);
        var settings = services.Services.GetRequiredService<AlertsSettings>();
        var deliveries = settings.DeliveryEnabled ? sweep.Deliveries : [];
        result.Output(invocation.Function.OutputTo(FunctionRegistry.Queues.Events), new JsonArray([.. sweep.Evaluations.Select(Json)]));
        result.Output(invocation.Function.OutputTo(FunctionRegistry.Queues.Deliveries), new JsonArray([.. deliveries.Select(Json)]));
        var paused = settings.DeliveryEnabled ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"; delivery is paused, {sweep.Deliveries.Count} stay pending");
        result.Log(string.Create(CultureInfo.InvariantCulture, $"re-sent {sweep.Evaluations.Count} evaluation(s) and {deliveries.Count} delivery(ies){paused}"));
        return result;
    }

    internal static JsonNode Json(EvaluateMessage message) => System.Text.Json.JsonSerializer.SerializeToNode(message, AlertsJsonContext.Default.EvaluateMessage)!;

    internal static JsonNode Json(DeliverMessage message) => System.Text.Json.JsonSerializer.SerializeToNode(message, AlertsJsonContext.Default.DeliverMessage)!;

    private static void NoteTimer(Invocation invocation, InvocationResult result)
    {
        var timer = InvocationPayload.Object(invocation.Trigger);
        if (InvocationPayload.Scalar(timer?["IsPastDue"]) == "true")
        {
            result.Log("timer is past due");
        }

        if (invocation.Retry is { } retry)
        {
            result.Log(string.Create(CultureInfo.InvariantCulture, $"retry {retry.RetryCount} of {retry.MaxRetryCount}"));
        }
    }
}
