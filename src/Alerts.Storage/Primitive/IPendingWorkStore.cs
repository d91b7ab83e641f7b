namespace Alerts.Storage.Primitive;

/// <summary>One pending item: its stage and key, when it is due (UTC ticks) and its JSON payload.</summary>
public sealed record PendingRow(string Stage, string Key, long Due, string Data);

/// <summary>
/// A backend that keeps pending work in a table of its own, indexed in place by due time (SQLite): every change is one statement,
/// where the entity layout needs a pointer read and a batch of index rows. Table Storage has no secondary index and cannot.
/// </summary>
public interface IPendingWorkStore : IEntityStore
{
    /// <summary>Inserts the row, or moves it when its due time differs. False when nothing changed (same due time).</summary>
    Task<bool> PutPendingAsync(PendingRow row, CancellationToken cancellationToken);

    /// <summary>Inserts unless the stage already holds the key; true when this call inserted it.</summary>
    Task<bool> AddPendingAsync(PendingRow row, CancellationToken cancellationToken);

    /// <summary>False when nothing was pending under the key.</summary>
    Task<bool> RemovePendingAsync(string stage, string key, CancellationToken cancellationToken);

    Task<bool> IsPendingAsync(string stage, string key, CancellationToken cancellationToken);

    /// <summary>Counted in the index, no row handed back.</summary>
    Task<long> CountPendingAsync(string stage, CancellationToken cancellationToken);

    /// <summary>
    /// The stage's rows by key; or, with <paramref name="dueBy"/>, only those due at or before it (UTC ticks), earliest first,
    /// then by key.
    /// </summary>
    IAsyncEnumerable<PendingRow> ListPendingAsync(string stage, long? dueBy, CancellationToken cancellationToken);
}
