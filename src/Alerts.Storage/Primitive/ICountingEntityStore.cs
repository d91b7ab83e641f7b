namespace Alerts.Storage.Primitive;

/// <summary>
/// A backend that counts a range of rows where they are stored (SQLite: one index range scan, no row handed back). Repositories
/// that would otherwise keep a counter row beside their rows (every change then also reads and writes the counter) count
/// in place on such a store instead. Table Storage cannot.
/// </summary>
public interface ICountingEntityStore : IEntityStore
{
    /// <summary>Rows of one partition with <paramref name="rowKeyFrom"/> ≤ row key &lt; <paramref name="rowKeyTo"/>.</summary>
    Task<long> CountAsync(string table, string partitionKey, string rowKeyFrom, string rowKeyTo, CancellationToken cancellationToken);
}
