using Alerts.Core.Model;
using Alerts.Core.Ports;

namespace Alerts.Storage.Repositories;

internal sealed class DeliveryRepository(StoreTables tables) : IDeliveryRepository
{
    public Task<bool> TryAddAsync(Delivery delivery, CancellationToken cancellationToken) =>
        tables.Deliveries.TryInsertAsync(StoreTables.Key(delivery.TenantId), delivery.Id, delivery, cancellationToken);

    public Task<string?> TryInsertAsync(Delivery delivery, CancellationToken cancellationToken) =>
        tables.Deliveries.InsertAsync(StoreTables.Key(delivery.TenantId), delivery.Id, delivery, cancellationToken);

    public Task<Versioned<Delivery>?> GetAsync(string tenantId, string deliveryId, CancellationToken cancellationToken) =>
        tables.Deliveries.GetAsync(StoreTables.Key(tenantId), StoreTables.Key(deliveryId), cancellationToken);

    public Task<string?> TryReplaceAsync(Delivery delivery, string etag, CancellationToken cancellationToken) =>
        tables.Deliveries.ReplaceAsync(StoreTables.Key(delivery.TenantId), delivery.Id, delivery, etag, cancellationToken);

    public Task<IReadOnlyList<Delivery>> ListAsync(string tenantId, CancellationToken cancellationToken) =>
        tables.Deliveries.ListAsync(StoreTables.Key(tenantId), cancellationToken);
}

internal sealed class DeliveryAttemptRepository(StoreTables tables) : IDeliveryAttemptRepository
{
    public Task AddAsync(DeliveryAttempt attempt, CancellationToken cancellationToken) =>
        tables.Attempts.UpsertAsync(
            StoreTables.Compound(attempt.TenantId, attempt.DeliveryId),
            // Time first: a redelivered dead letter starts counting attempts again, and its history must not be overwritten.
            attempt.At.UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture) + "-" + attempt.Number.ToString("D4", System.Globalization.CultureInfo.InvariantCulture),
            attempt,
            cancellationToken);

    public Task<IReadOnlyList<DeliveryAttempt>> ListAsync(string tenantId, string deliveryId, CancellationToken cancellationToken) =>
        tables.Attempts.ListAsync(StoreTables.Compound(tenantId, deliveryId), cancellationToken);
}
