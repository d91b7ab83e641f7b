namespace Alerts.Storage.Primitive;

/// <summary>
/// A backend that can run several writes, across tables and partitions, as one transaction (SQLite). Table Storage cannot:
/// its callers fall back to one write at a time, in the order the work makes them.
/// </summary>
public interface ITransactionalEntityStore : IEntityStore
{
    /// <summary>
    /// Runs <paramref name="work"/> against a view of this store whose reads see the transaction's own writes and whose writes
    /// commit together (all of them, or none when <paramref name="work"/> throws). The view's calls complete synchronously and
    /// are valid only while <paramref name="work"/> runs; <paramref name="work"/> must not wait on anything but the view.
    /// </summary>
    Task<T> TransactAsync<T>(Func<IEntityStore, Task<T>> work, CancellationToken cancellationToken);
}
