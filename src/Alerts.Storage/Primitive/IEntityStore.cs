namespace Alerts.Storage.Primitive;

/// <summary>A row of the store: its keys, its JSON payload and the opaque ETag to pass back for conditional writes.</summary>
public sealed record StoredEntity(string PartitionKey, string RowKey, string Data, string ETag);

/// <summary>
/// The small table-style primitive every repository is written on, shaped by Azure Table Storage: partition key + row key,
/// no joins, no secondary indexes. Backends: SQLite (embedded default) and Azure Tables. Both run one conformance suite.
/// Table names are 3–63 letters and digits starting with a letter; keys obey <see cref="EntityKeys"/>.
/// </summary>
public interface IEntityStore
{
    Task EnsureTableAsync(string table, CancellationToken cancellationToken);

    Task<StoredEntity?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken);

    /// <summary>Inserts unless the key exists. Returns the new ETag, or null when a row was already there (nothing is changed).</summary>
    Task<string?> InsertIfAbsentAsync(string table, string partitionKey, string rowKey, string data, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces unconditionally; returns the new ETag.</summary>
    Task<string> UpsertAsync(string table, string partitionKey, string rowKey, string data, CancellationToken cancellationToken);

    /// <summary>Replaces only if the row exists with this ETag. Returns the new ETag, or null when the row changed or is gone.</summary>
    Task<string?> ReplaceIfMatchAsync(string table, string partitionKey, string rowKey, string data, string etag, CancellationToken cancellationToken);

    /// <summary>Deletes the row (only if it still has <paramref name="etag"/> when one is given). False when nothing was deleted.</summary>
    Task<bool> DeleteAsync(string table, string partitionKey, string rowKey, string? etag, CancellationToken cancellationToken);

    /// <summary>
    /// Rows of one partition (or of the whole table when <paramref name="partitionKey"/> is null), ordered by partition then row key,
    /// restricted to <paramref name="rowKeyFrom"/> ≤ row key &lt; <paramref name="rowKeyTo"/> where given.
    /// </summary>
    IAsyncEnumerable<StoredEntity> QueryAsync(string table, string? partitionKey, string? rowKeyFrom, string? rowKeyTo, CancellationToken cancellationToken);

    /// <summary>
    /// Applies 1 to <see cref="EntityBatch.MaxOperations"/> writes to one partition of one table atomically: all or nothing.
    /// Returns each operation's new ETag (null for deletes). A conflict (insert of an existing row, replace or delete of a row
    /// that changed or is gone) throws <see cref="BatchConflictException"/> naming the operation, and nothing is written.
    /// A batch across partitions, with a row twice or with more than 100 operations is refused with an <see cref="ArgumentException"/>.
    /// </summary>
    Task<IReadOnlyList<string?>> ExecuteBatchAsync(string table, IReadOnlyList<BatchOperation> operations, CancellationToken cancellationToken);
}
