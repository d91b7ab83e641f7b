using Alerts.Core.Serialization;
using Alerts.Functions.Extensions;
using Alerts.Hosting;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Alerts.Functions.Functions;

/// <summary>
/// The poison queues: a message the host gave up on (host.json maxDequeueCount) is recorded, never left unnoticed. A delivery
/// becomes dead-lettered (listed, redeliverable with <c>alerts deliveries redeliver</c>); an event stays pending for a later
/// sweep and is logged as failed; a prices message is logged with the ids of the events it held.
/// </summary>
public sealed partial class PoisonFunctions(PoisonedWork poisoned, ILogger<PoisonFunctions> logger)
{
    [Function("DeliveryPoisoned")]
    public async Task DeliveryPoisonedAsync([QueueTrigger(QueueNames.DeliveriesPoison)] QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (QueueMessages.Decode(message, AlertsJsonContext.Default.DeliverMessage, out var problem) is { } delivery
            && !string.IsNullOrWhiteSpace(delivery.TenantId) && !string.IsNullOrWhiteSpace(delivery.DeliveryId))
        {
            await poisoned.DeadLetterDeliveryAsync(delivery.TenantId, delivery.DeliveryId, cancellationToken);
            return;
        }

        LogUnreadable(logger, QueueNames.DeliveriesPoison, message.MessageId, problem ?? "tenantId or deliveryId is missing", message.Body.ToString());
    }

    [Function("EventPoisoned")]
    public async Task EventPoisonedAsync([QueueTrigger(QueueNames.EventsPoison)] QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (QueueMessages.Decode(message, AlertsJsonContext.Default.EvaluateMessage, out var problem) is { } evaluation && !string.IsNullOrWhiteSpace(evaluation.EventId))
        {
            await poisoned.RecordFailedEventAsync(evaluation.EventId, cancellationToken);
            return;
        }

        LogUnreadable(logger, QueueNames.EventsPoison, message.MessageId, problem ?? "eventId is missing", message.Body.ToString());
    }

    [Function("PricesPoisoned")]
    public void PricesPoisoned([QueueTrigger(QueueNames.PricesPoison)] QueueMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var ids = string.Join(", ", EventBatch.Parse(message.Body.ToString()).Events.Select(e => e.Id));
        LogPricesFailed(logger, message.MessageId, ids.Length == 0 ? "(none readable)" : ids);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Poisoned message {MessageId} on {Queue} is unreadable ({Problem}); its body: {Body}")]
    private static partial void LogUnreadable(ILogger logger, string queue, string messageId, string problem, string body);

    [LoggerMessage(Level = LogLevel.Error, Message = "Prices message {MessageId} failed every try and went to the poison queue; push these events again: {EventIds}")]
    private static partial void LogPricesFailed(ILogger logger, string messageId, string eventIds);
}
