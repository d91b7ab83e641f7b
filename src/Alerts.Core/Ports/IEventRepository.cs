using Alerts.Core.Model;

namespace Alerts.Core.Ports;

public interface IEventRepository
{
    /// <summary>Stores the event unless one with its id exists; returns false for a duplicate.</summary>
    Task<bool> TryAddAsync(MarketEvent marketEvent, CancellationToken cancellationToken);

    Task<MarketEvent?> GetAsync(string eventId, CancellationToken cancellationToken);
}
