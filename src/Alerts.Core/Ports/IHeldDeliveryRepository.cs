using Alerts.Core.Model;

namespace Alerts.Core.Ports;

/// <summary>Deliveries held by quiet hours or a digest, one partition per release batch.</summary>
public interface IHeldDeliveryRepository
{
    /// <summary>Insert-if-absent (a repeated evaluation holds the same delivery once).</summary>
    Task HoldAsync(HeldDelivery held, CancellationToken cancellationToken);

    Task<IReadOnlyList<HeldDelivery>> ListAsync(string batchKey, CancellationToken cancellationToken);

    Task RemoveAsync(string batchKey, string deliveryId, CancellationToken cancellationToken);
}
