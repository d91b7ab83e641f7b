using Alerts.Core.Model;

namespace Alerts.Core.Notifications;

/// <summary>
/// One channel kind's sender. It makes exactly one attempt and says whether a failure is worth retrying;
/// retries belong to the deliver stage alone (never add a retrying HTTP handler underneath).
/// </summary>
public interface INotifier
{
    ChannelKind Kind { get; }

    Task<DeliveryResult> SendAsync(DeliveryRequest request, CancellationToken cancellationToken);
}

/// <summary>What a notifier needs: the alert, where it goes, the delivery (its id is the idempotency key) and the attempt's clock reading.</summary>
public sealed record DeliveryRequest(Alert Alert, Channel Channel, Delivery Delivery, DateTimeOffset Now);
