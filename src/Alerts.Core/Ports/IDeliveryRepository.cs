using Alerts.Core.Model;

namespace Alerts.Core.Ports;

public interface IDeliveryRepository
{
    /// <summary>Insert-if-absent: false when the delivery already exists.</summary>
    Task<bool> TryAddAsync(Delivery delivery, CancellationToken cancellationToken);

    /// <summary>Insert-if-absent: the new row's ETag, or null when the delivery already exists.</summary>
    Task<string?> TryInsertAsync(Delivery delivery, CancellationToken cancellationToken);

    Task<Versioned<Delivery>?> GetAsync(string tenantId, string deliveryId, CancellationToken cancellationToken);

    /// <summary>Replaces the delivery only if <paramref name="etag"/> still matches; returns the new ETag, or null when another writer won.</summary>
    Task<string?> TryReplaceAsync(Delivery delivery, string etag, CancellationToken cancellationToken);

    Task<IReadOnlyList<Delivery>> ListAsync(string tenantId, CancellationToken cancellationToken);
}

public interface IDeliveryAttemptRepository
{
    Task AddAsync(DeliveryAttempt attempt, CancellationToken cancellationToken);

    Task<IReadOnlyList<DeliveryAttempt>> ListAsync(string tenantId, string deliveryId, CancellationToken cancellationToken);
}
