using Alerts.Core.Model;
using Alerts.Core.Ports;

namespace Alerts.Core.Handlers;

/// <summary>Puts a dead-lettered delivery back in line with a fresh set of attempts (its attempt history is kept).</summary>
public sealed class DeadLetterRedelivery(IDeliveryRepository deliveries, IWorkRepository work, TimeProvider time)
{
    public async Task<(DeliverMessage? Message, string? Problem)> RedeliverAsync(string tenantId, string deliveryId, CancellationToken cancellationToken)
    {
        var current = await deliveries.GetAsync(tenantId, deliveryId, cancellationToken);
        if (current is null)
        {
            return (null, $"delivery '{deliveryId}' does not exist");
        }

        if (current.Value.Status != DeliveryStatus.DeadLettered)
        {
            return (null, $"delivery '{deliveryId}' is {current.Value.Status}, not dead-lettered");
        }

        var now = time.GetUtcNow();
        var revived = current.Value with { Status = DeliveryStatus.Pending, AttemptCount = 0, NextAttemptAt = now, LeasedUntil = null };
        await work.PutAsync(new WorkItem(WorkStage.Deliver, WorkItem.DeliveryKey(tenantId, deliveryId), now), cancellationToken);
        if (await deliveries.TryReplaceAsync(revived, current.ETag, cancellationToken) is null)
        {
            return (null, $"delivery '{deliveryId}' changed meanwhile; try again");
        }

        return (new DeliverMessage(tenantId, deliveryId), null);
    }
}
