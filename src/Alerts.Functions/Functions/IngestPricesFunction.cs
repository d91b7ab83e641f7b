using Alerts.Core.Handlers;
using Alerts.Core.Telemetry;
using Alerts.Functions.Extensions;
using Alerts.Hosting;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Alerts.Functions.Functions;

/// <summary>Queue "prices": pushed price ticks (one event or an array); new ones go to queue "events". Invalid items are logged and skipped.</summary>
public sealed partial class IngestPricesFunction(IngestHandler ingest, AlertQueues queues, ILogger<IngestPricesFunction> logger)
{
    [Function("IngestPrices")]
    public async Task RunAsync([QueueTrigger(QueueNames.Prices)] QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var batch = EventBatch.Parse(message.Body.ToString());
        if (batch.Malformed is { } malformed)
        {
            LogDropped(logger, message.MessageId, malformed);
            return;
        }

        foreach (var problem in batch.Problems)
        {
            LogItemSkipped(logger, message.MessageId, problem);
        }

        using var activity = AlertsTelemetry.StartStage("IngestPrices", ("messaging.message.id", message.MessageId), ("alerts.event_count", batch.Events.Count));
        var (accepted, _) = await batch.IngestAsync(ingest, cancellationToken);
        await queues.SendAsync(accepted, cancellationToken);
        AlertsTelemetry.Ingested(accepted.Count, "prices");
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "IngestPrices dropped queue message {MessageId}: {Problem}")]
    private static partial void LogDropped(ILogger logger, string messageId, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "IngestPrices skipped an item of queue message {MessageId}: {Problem}")]
    private static partial void LogItemSkipped(ILogger logger, string messageId, string problem);
}
