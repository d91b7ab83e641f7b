using Alerts.Core.Model;
using Alerts.Core.Ports;

namespace Alerts.Storage.Repositories;

/// <summary>Events partitioned by source (the part of the id before the first ':'), so each feed's ids stay together.</summary>
internal sealed class EventRepository(StoreTables tables) : IEventRepository
{
    public Task<bool> TryAddAsync(MarketEvent marketEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(marketEvent);
        var (partition, row) = Keys(marketEvent.Id);
        return tables.Events.TryInsertAsync(partition, row, marketEvent, cancellationToken);
    }

    public async Task<MarketEvent?> GetAsync(string eventId, CancellationToken cancellationToken)
    {
        var (partition, row) = Keys(eventId);
        return (await tables.Events.GetAsync(partition, row, cancellationToken))?.Value;
    }

    private static (string Partition, string Row) Keys(string eventId)
    {
        var colon = eventId.IndexOf(':', StringComparison.Ordinal);
        var source = colon > 0 ? eventId[..colon] : "unknown";
        return (StoreTables.Key(source), StoreTables.Key(eventId));
    }
}
