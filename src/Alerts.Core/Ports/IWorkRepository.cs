namespace Alerts.Core.Ports;

public enum WorkStage
{
    Evaluate,
    Deliver,

    /// <summary>A feed source's next scheduled poll (key: the source name), kept in the store so every instance agrees on it.</summary>
    Poll,

    /// <summary>A batch of held deliveries to release at its due time (key: the batch key, see <c>StableIds.HeldBatch</c>).</summary>
    Release,
}

/// <summary>
/// A pending unit of work, written before the message that carries it is sent and removed once the stage has finished.
/// Whatever is still here after a crash is re-enqueued (at start-up standalone, by the retry sweep on Azure).
/// For <see cref="WorkStage.Evaluate"/> the key is the event id; for <see cref="WorkStage.Deliver"/> it is "tenant/deliveryId".
/// </summary>
public sealed record WorkItem(WorkStage Stage, string Key, DateTimeOffset DueAt)
{
    public static string DeliveryKey(string tenantId, string deliveryId) => tenantId + "/" + deliveryId;

    public static (string TenantId, string DeliveryId) ParseDeliveryKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == key.Length - 1)
        {
            throw new FormatException($"Not a delivery work key: '{key}'.");
        }

        return (key[..slash], key[(slash + 1)..]);
    }
}

public interface IWorkRepository
{
    /// <summary>Inserts or moves the item's due time.</summary>
    Task PutAsync(WorkItem item, CancellationToken cancellationToken);

    /// <summary>Inserts unless an item with this stage and key is pending already; true when this call created it.</summary>
    Task<bool> TryAddAsync(WorkItem item, CancellationToken cancellationToken);

    Task RemoveAsync(WorkStage stage, string key, CancellationToken cancellationToken);

    IAsyncEnumerable<WorkItem> ListAsync(WorkStage stage, CancellationToken cancellationToken);

    /// <summary>Items due at or before <paramref name="dueBy"/>, earliest first; costs what is due, not what is pending.</summary>
    IAsyncEnumerable<WorkItem> ListDueAsync(WorkStage stage, DateTimeOffset dueBy, CancellationToken cancellationToken);

    /// <summary>How many items of the stage are pending, read from counters kept with the items or an index (never by listing them).</summary>
    Task<long> CountAsync(WorkStage stage, CancellationToken cancellationToken);
}
