using Alerts.Core.Model;
using Alerts.Core.Ports;

namespace Alerts.Storage.Repositories;

/// <summary>One partition per release batch, so a batch is read with one partition query on either backend.</summary>
internal sealed class HeldDeliveryRepository(StoreTables tables) : IHeldDeliveryRepository
{
    public Task HoldAsync(HeldDelivery held, CancellationToken cancellationToken) =>
        tables.Held.TryInsertAsync(StoreTables.Key(held.BatchKey), StoreTables.Key(held.DeliveryId), held, cancellationToken);

    public Task<IReadOnlyList<HeldDelivery>> ListAsync(string batchKey, CancellationToken cancellationToken) =>
        tables.Held.ListAsync(StoreTables.Key(batchKey), cancellationToken);

    public Task RemoveAsync(string batchKey, string deliveryId, CancellationToken cancellationToken) =>
        tables.Held.DeleteAsync(StoreTables.Key(batchKey), StoreTables.Key(deliveryId), cancellationToken);
}
