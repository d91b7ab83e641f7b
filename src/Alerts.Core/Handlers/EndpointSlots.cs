using System.Collections.Concurrent;

namespace Alerts.Core.Handlers;

/// <summary>
/// Bounds the sends in flight to one endpoint (<see cref="PipelineOptions.SendsPerEndpoint"/>), so a batch of deliveries
/// to one receiver cannot open more connections at once than it should take, while other endpoints go on.
/// </summary>
internal sealed class EndpointSlots(int perEndpoint)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _slots = new(StringComparer.Ordinal);

    /// <summary>Waits for a free slot of the endpoint; dispose the result to give it back.</summary>
    public async ValueTask<Slot> EnterAsync(string endpoint, CancellationToken cancellationToken)
    {
        var slots = _slots.GetOrAdd(endpoint, _ => new SemaphoreSlim(perEndpoint, perEndpoint));
        await slots.WaitAsync(cancellationToken);
        return new Slot(slots);
    }

    public readonly struct Slot(SemaphoreSlim slots) : IDisposable
    {
        public void Dispose() => slots.Release();
    }
}
