using Alerts.Core.Handlers;
using Alerts.Core.Serialization;
using Alerts.Core.Telemetry;
using Alerts.Functions.Extensions;
using Alerts.Hosting.Configuration;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Alerts.Functions.Functions;

/// <summary>
/// Queue "events": evaluates one stored event and sends its deliveries to queue "deliveries". A failure throws, so the host
/// retries the message after host.json's visibilityTimeout and moves it to "events-poison" after maxDequeueCount.
/// </summary>
public sealed partial class EvaluateEventFunction(EvaluateHandler evaluate, AlertsSettings settings, AlertQueues queues, ILogger<EvaluateEventFunction> logger)
{
    [Function("EvaluateEvent")]
    public async Task RunAsync([QueueTrigger(QueueNames.Events)] QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var evaluation = QueueMessages.Decode(message, AlertsJsonContext.Default.EvaluateMessage, out var problem);
        if (evaluation is null || string.IsNullOrWhiteSpace(evaluation.EventId))
        {
            // Retrying cannot fix a body that is not an evaluation: say so loudly and complete the message.
            LogDropped(logger, message.MessageId, problem ?? "eventId is missing");
            return;
        }

        using var activity = AlertsTelemetry.StartStage("EvaluateEvent", evaluation.TraceParent, ("alerts.event_id", evaluation.EventId), ("messaging.message.id", message.MessageId));
        var result = await evaluate.HandleAsync(evaluation, cancellationToken);
        AlertsTelemetry.Evaluated(activity, result);
        if (settings.DeliveryEnabled)
        {
            await queues.SendAsync(result.Deliveries, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "EvaluateEvent dropped queue message {MessageId}: {Problem}")]
    private static partial void LogDropped(ILogger logger, string messageId, string problem);
}
