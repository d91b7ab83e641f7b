using Alerts.Core.Model;
using Alerts.Core.Ports;
using Microsoft.Extensions.Logging;

namespace Alerts.Hosting;

/// <summary>
/// What a driver records when its transport gives up on a message (Azure: the message reached <c>&lt;queue&gt;-poison</c>
/// after the queue's max dequeue count). Nothing is dropped silently: a delivery becomes dead-lettered (listed and
/// redeliverable with <c>alerts deliveries redeliver</c>); an event keeps its pending evaluation, pushed out by
/// <see cref="EventRetryDelay"/> so the retry sweep tries it again later instead of cycling it through the queue.
/// </summary>
public sealed partial class PoisonedWork(IDeliveryRepository deliveries, IWorkRepository work, TimeProvider time, ILogger<PoisonedWork> logger)
{
    public TimeSpan EventRetryDelay { get; init; } = TimeSpan.FromHours(1);

    /// <returns>True when this call dead-lettered the delivery; false when it had already finished or does not exist.</returns>
    public async Task<bool> DeadLetterDeliveryAsync(string tenantId, string deliveryId, CancellationToken cancellationToken)
    {
        const string reason = "Internal: the delivery stage failed on every try of its queue message, which went to the poison queue";
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var current = await deliveries.GetAsync(tenantId, deliveryId, cancellationToken);
            if (current is null || current.Value.Status != DeliveryStatus.Pending)
            {
                LogDeliveryAlreadyFinished(logger, tenantId, deliveryId, current?.Value.Status.ToString() ?? "missing");
                return false;
            }

            var dead = current.Value with { Status = DeliveryStatus.DeadLettered, LeasedUntil = null, LastError = reason };
            if (await deliveries.TryReplaceAsync(dead, current.ETag, cancellationToken) is not null)
            {
                await work.RemoveAsync(WorkStage.Deliver, WorkItem.DeliveryKey(tenantId, deliveryId), cancellationToken);
                LogDeliveryDeadLettered(logger, tenantId, deliveryId);
                return true;
            }
        }

        throw new InvalidOperationException($"Delivery {tenantId}/{deliveryId} kept changing while it was being dead-lettered.");
    }

    public async Task RecordFailedEventAsync(string eventId, CancellationToken cancellationToken)
    {
        var retryAt = time.GetUtcNow() + EventRetryDelay;
        await work.PutAsync(new WorkItem(WorkStage.Evaluate, eventId, retryAt), cancellationToken);
        LogEventFailed(logger, eventId, retryAt);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery {TenantId}/{DeliveryId} dead-lettered: its queue message failed every try and went to the poison queue")]
    private static partial void LogDeliveryDeadLettered(ILogger logger, string tenantId, string deliveryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Poisoned message for delivery {TenantId}/{DeliveryId} ignored: the delivery is {Status}")]
    private static partial void LogDeliveryAlreadyFinished(ILogger logger, string tenantId, string deliveryId, string status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Evaluation of event {EventId} failed on every try of its queue message, which went to the poison queue; it stays pending and is retried at {RetryAt}")]
    private static partial void LogEventFailed(ILogger logger, string eventId, DateTimeOffset retryAt);
}
