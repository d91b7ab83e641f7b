using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alerts.Core.Handlers;
using Alerts.Core.Model;
using Alerts.Core.Ports;
using Alerts.Core.Serialization;
using Alerts.Hosting.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alerts.Host.Functions;

/// <summary>
/// Service Bus-triggered functions. Two decisions shape them:
/// <para>
/// <b>A body that cannot be decoded at all is dropped, not failed.</b> Neither JSON (once or twice string-encoded, or raw) nor
/// base64 of JSON, or JSON that is not the queue's message shape: retrying cannot fix it, and failing would only cycle it
/// through every redelivery into the dead-letter queue with nothing recorded on our side. So the handler logs it at Error
/// (naming the Service Bus message id and the function), answers 200 with a <c>Logs</c> entry saying it was dropped and why,
/// and writes no outputs: Service Bus completes the message. Well-formed events that fail validation are the same kind of
/// permanent problem (rejected by the ingest stage, logged, nothing stored).
/// </para>
/// <para>
/// <b>Any other failure answers 500</b>, so Service Bus redelivers. When the message's <c>DeliveryCount</c> has reached the
/// queue's max delivery count (<see cref="FunctionRegistry.MaxQueueDeliveryCountSetting"/>, default 10) this is its last try:
/// the failure is first recorded in the store, then the 500 lets the message dead-letter. DeliverAlert marks the delivery
/// DeadLettered with the error and an attempt record (it can be redelivered through the API); EvaluateEvent keeps the event's
/// pending work row (the retry sweep tries again later) and logs an error naming the event id; IngestPrices logs the ids of
/// the events in the payload.
/// </para>
/// </summary>
public static partial class QueueFunctions
{
    private const int MaxErrorLength = 500;

    /// <summary>Queue "prices": one <see cref="MarketEvent"/> or an array of them (usually price ticks) to ingest.</summary>
    public static async Task<InvocationResult> IngestPricesAsync(Invocation invocation, FunctionServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(services);
        var result = new InvocationResult(invocation.Function);
        var body = InvocationPayload.Body(invocation.Trigger, out var problem);
        var events = new List<MarketEvent>();
        foreach (var (item, index) in (body as JsonArray ?? (body is null ? [] : new JsonArray(body.DeepClone()))).Select((item, index) => (item, index)))
        {
            var (marketEvent, itemProblem) = Decode(InvocationPayload.Object(item) ?? item, AlertsJsonContext.Default.MarketEvent);
            if (marketEvent is null)
            {
                LogItemSkipped(services.Logger, invocation.Function.Name, invocation.MessageId, index, itemProblem!);
                result.Log(string.Create(CultureInfo.InvariantCulture, $"item [{index}] skipped: {itemProblem}"));
                continue;
            }

            if (EventValidator.Problem(marketEvent) is { } invalid)
            {
                // Checked here, before the batch is put in time order: an invalid event may not even have a time.
                LogItemSkipped(services.Logger, invocation.Function.Name, invocation.MessageId, index, invalid);
                result.Log(string.Create(CultureInfo.InvariantCulture, $"item [{index}] rejected: {invalid}"));
                continue;
            }

            events.Add(marketEvent);
        }

        if (events.Count == 0)
        {
            return Dropped(invocation, services, result, problem ?? "it holds no valid event");
        }

        var output = new JsonArray();
        try
        {
            var ingest = services.Services.GetRequiredService<IngestHandler>();
            int accepted = 0, duplicates = 0;
            foreach (var marketEvent in events.OrderBy(e => e.OccurredAt))
            {
                var outcome = await ingest.HandleAsync(marketEvent, cancellationToken);
                switch (outcome.Outcome)
                {
                    case IngestOutcome.Accepted:
                        accepted++;
                        output.Add(TimerFunctions.Json(outcome.Message!));
                        break;
                    case IngestOutcome.Duplicate:
                        duplicates++;
                        break;
                    default:
                        result.Log($"event rejected: {outcome.Problem}");
                        break;
                }
            }

            result.Log(string.Create(CultureInfo.InvariantCulture, $"{events.Count} event(s): {accepted} new, {duplicates} already seen"));
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            var ids = string.Join(", ", events.Select(e => e.Id));
            if (IsLastDelivery(invocation, services))
            {
                LogIngestPoisoned(services.Logger, exception, invocation.MessageId, ids);
                return result.Fail($"ingest failed on the last delivery; the message dead-letters. Event ids: {ids}");
            }

            LogIngestFailed(services.Logger, exception, invocation.MessageId, invocation.DeliveryCount, ids);
            return result.Fail($"ingest failed ({Error(exception)}); Service Bus will redeliver");
        }

        return result.Output(invocation.Function.OutputTo(FunctionRegistry.Queues.Events), output);
    }

    /// <summary>Queue "events": evaluate one stored event against the rules; the deliveries go to queue "deliveries".</summary>
    public static async Task<InvocationResult> EvaluateEventAsync(Invocation invocation, FunctionServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(services);
        var result = new InvocationResult(invocation.Function);
        var (message, problem) = Decode(InvocationPayload.Body(invocation.Trigger, out var bodyProblem), AlertsJsonContext.Default.EvaluateMessage);
        if (message is null || string.IsNullOrWhiteSpace(message.EventId))
        {
            return Dropped(invocation, services, result, bodyProblem ?? problem ?? "eventId is missing");
        }

        EvaluateResult evaluation;
        try
        {
            evaluation = await services.Services.GetRequiredService<EvaluateHandler>().HandleAsync(message, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            if (IsLastDelivery(invocation, services))
            {
                // Its pending work row stays, so the retry sweep sends the event again after the redelivery grace.
                LogEvaluatePoisoned(services.Logger, exception, message.EventId, invocation.MessageId);
                return result.Fail($"evaluation of event {message.EventId} failed on the last delivery; the message dead-letters, the pending row stays for the retry sweep");
            }

            LogEvaluateFailed(services.Logger, exception, message.EventId, invocation.DeliveryCount);
            return result.Fail($"evaluation of event {message.EventId} failed ({Error(exception)}); Service Bus will redeliver");
        }

        var deliveryEnabled = services.Services.GetRequiredService<AlertsSettings>().DeliveryEnabled;
        var deliveries = deliveryEnabled ? evaluation.Deliveries : [];
        var paused = deliveryEnabled ? string.Empty : "; delivery is paused, they stay pending";
        result.Log(string.Create(CultureInfo.InvariantCulture, $"event {message.EventId}: {evaluation.Alerts.Count} alert(s), {evaluation.Deliveries.Count} delivery(ies){paused}"));
        return result.Output(invocation.Function.OutputTo(FunctionRegistry.Queues.Deliveries), new JsonArray([.. deliveries.Select(TimerFunctions.Json)]));
    }

    /// <summary>Queue "deliveries": one attempt at one delivery. The deliver stage owns retries (scheduled in the store).</summary>
    public static async Task<InvocationResult> DeliverAlertAsync(Invocation invocation, FunctionServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(services);
        var result = new InvocationResult(invocation.Function);
        var (message, problem) = Decode(InvocationPayload.Body(invocation.Trigger, out var bodyProblem), AlertsJsonContext.Default.DeliverMessage);
        if (message is null || string.IsNullOrWhiteSpace(message.TenantId) || string.IsNullOrWhiteSpace(message.DeliveryId))
        {
            return Dropped(invocation, services, result, bodyProblem ?? problem ?? "tenantId and deliveryId are required");
        }

        if (!services.Services.GetRequiredService<AlertsSettings>().DeliveryEnabled)
        {
            return result.Log($"delivery {message.TenantId}/{message.DeliveryId}: delivery is paused; it stays pending");
        }

        try
        {
            var outcome = await services.Services.GetRequiredService<DeliverHandler>().HandleAsync(message, cancellationToken);
            return result.Log($"delivery {message.TenantId}/{message.DeliveryId}: {outcome.Outcome}");
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            if (IsLastDelivery(invocation, services))
            {
                LogDeliverPoisoned(services.Logger, exception, message.TenantId, message.DeliveryId, invocation.MessageId);
                var recorded = await RecordDeadLetterAsync(services, message, invocation, exception, cancellationToken);
                return result.Fail($"delivery {message.TenantId}/{message.DeliveryId} failed on the last delivery; "
                    + (recorded ? "recorded as dead-lettered" : "it could not be recorded") + "; the message dead-letters");
            }

            LogDeliverFailed(services.Logger, exception, message.TenantId, message.DeliveryId, invocation.DeliveryCount);
            return result.Fail($"delivery {message.TenantId}/{message.DeliveryId} failed ({Error(exception)}); Service Bus will redeliver");
        }
    }

    /// <summary>True when this is the message's last delivery: a failure now dead-letters it.</summary>
    public static bool IsLastDelivery(Invocation invocation, FunctionServices services)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(services);
        return invocation.DeliveryCount is { } count && count >= services.Pipeline.MaxQueueDeliveryCount;
    }

    /// <summary>Marks a pending delivery dead-lettered with an attempt record naming the error, so the log shows why it stopped.</summary>
    private static async Task<bool> RecordDeadLetterAsync(
        FunctionServices services, DeliverMessage message, Invocation invocation, Exception exception, CancellationToken cancellationToken)
    {
        try
        {
            var deliveries = services.Services.GetRequiredService<IDeliveryRepository>();
            var current = await deliveries.GetAsync(message.TenantId, message.DeliveryId, cancellationToken);
            if (current is null || current.Value.Status != DeliveryStatus.Pending)
            {
                return current is not null;
            }

            var now = services.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            var number = current.Value.AttemptCount + 1;
            var error = string.Create(
                CultureInfo.InvariantCulture,
                $"HandlerFailed: the DeliverAlert handler failed on Service Bus delivery {invocation.DeliveryCount} of {services.Pipeline.MaxQueueDeliveryCount}: {Error(exception)}");
            await services.Services.GetRequiredService<IDeliveryAttemptRepository>().AddAsync(
                new DeliveryAttempt(message.TenantId, message.DeliveryId, number, now, AttemptOutcome.Permanent, null, TimeSpan.Zero, error), cancellationToken);
            var dead = current.Value with { Status = DeliveryStatus.DeadLettered, AttemptCount = number, LeasedUntil = null, LastError = error };
            if (await deliveries.TryReplaceAsync(dead, current.ETag, cancellationToken) is null)
            {
                return false;
            }

            await services.Services.GetRequiredService<IWorkRepository>().RemoveAsync(
                WorkStage.Deliver, WorkItem.DeliveryKey(message.TenantId, message.DeliveryId), cancellationToken);
            return true;
        }
        catch (Exception recordException) when (!cancellationToken.IsCancellationRequested)
        {
            LogRecordFailed(services.Logger, recordException, message.TenantId, message.DeliveryId);
            return false;
        }
    }

    private static InvocationResult Dropped(Invocation invocation, FunctionServices services, InvocationResult result, string problem)
    {
        LogDropped(services.Logger, invocation.Function.Name, invocation.MessageId, invocation.DeliveryCount, problem);
        return result.Log($"message {invocation.MessageId ?? "(no id)"} dropped: {problem}. Retrying cannot fix a malformed body, so it is completed, not dead-lettered.");
    }

    private static (T? Value, string? Problem) Decode<T>(JsonNode? node, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        if (node is not JsonObject)
        {
            return (null, node is null ? null : $"expected a JSON object, got {node.GetValueKind()}");
        }

        try
        {
            return node.Deserialize(type) is { } value ? (value, null) : (null, "the body is null");
        }
        catch (JsonException exception)
        {
            return (null, "not a valid message: " + exception.Message);
        }
        catch (NotSupportedException exception)
        {
            return (null, "not a valid message: " + exception.Message);
        }
    }

    private static string Error(Exception exception)
    {
        var text = $"{exception.GetType().Name}: {exception.Message}";
        return text.Length <= MaxErrorLength ? text : text[..MaxErrorLength] + "…";
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function} dropped Service Bus message {MessageId} (delivery {DeliveryCount}): {Problem}")]
    private static partial void LogDropped(ILogger logger, string function, string? messageId, int? deliveryCount, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function} skipped item {Index} of Service Bus message {MessageId}: {Problem}")]
    private static partial void LogItemSkipped(ILogger logger, string function, string? messageId, int index, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingest of Service Bus message {MessageId} failed on delivery {DeliveryCount}; it will be redelivered. Events: {EventIds}")]
    private static partial void LogIngestFailed(ILogger logger, Exception exception, string? messageId, int? deliveryCount, string eventIds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Ingest of Service Bus message {MessageId} failed on its last delivery; it dead-letters. Events: {EventIds}")]
    private static partial void LogIngestPoisoned(ILogger logger, Exception exception, string? messageId, string eventIds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Evaluation of event {EventId} failed on delivery {DeliveryCount}; it will be redelivered")]
    private static partial void LogEvaluateFailed(ILogger logger, Exception exception, string eventId, int? deliveryCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Evaluation of event {EventId} failed on the last delivery of Service Bus message {MessageId}; the message dead-letters and the pending row stays for the retry sweep")]
    private static partial void LogEvaluatePoisoned(ILogger logger, Exception exception, string eventId, string? messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {TenantId}/{DeliveryId} failed on Service Bus delivery {DeliveryCount}; it will be redelivered")]
    private static partial void LogDeliverFailed(ILogger logger, Exception exception, string tenantId, string deliveryId, int? deliveryCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery {TenantId}/{DeliveryId} failed on the last delivery of Service Bus message {MessageId}; recording it as dead-lettered")]
    private static partial void LogDeliverPoisoned(ILogger logger, Exception exception, string tenantId, string deliveryId, string? messageId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recording delivery {TenantId}/{DeliveryId} as dead-lettered failed")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception, string tenantId, string deliveryId);
}
