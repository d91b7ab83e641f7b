using Alerts.Storage.Primitive;

namespace Alerts.Storage.Tables.Tests;

/// <summary>Gives a test tables of its own on the shared Azurite account: every store table name behind a unique prefix.</summary>
internal sealed class PrefixedTables(IEntityStore inner, string prefix) : IEntityStore
{
    public Task EnsureTableAsync(string table, CancellationToken cancellationToken) => inner.EnsureTableAsync(prefix + table, cancellationToken);

    public Task<StoredEntity?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken) =>
        inner.GetAsync(prefix + table, partitionKey, rowKey, cancellationToken);

    public Task<string?> InsertIfAbsentAsync(string table, string partitionKey, string rowKey, string data, CancellationToken cancellationToken) =>
        inner.InsertIfAbsentAsync(prefix + table, partitionKey, rowKey, data, cancellationToken);

    public Task<string> UpsertAsync(string table, string partitionKey, string rowKey, string data, CancellationToken cancellationToken) =>
        inner.UpsertAsync(prefix + table, partitionKey, rowKey, data, cancellationToken);

    public Task<string?> ReplaceIfMatchAsync(string table, string partitionKey, string rowKey, string data, string etag, CancellationToken cancellationToken) =>
        inner.ReplaceIfMatchAsync(prefix + table, partitionKey, rowKey, data, etag, cancellationToken);

    public Task<bool> DeleteAsync(string table, string partitionKey, string rowKey, string? etag, CancellationToken cancellationToken) =>
        inner.DeleteAsync(prefix + table, partitionKey, rowKey, etag, cancellationToken);

    public Task<IReadOnlyList<string?>> ExecuteBatchAsync(string table, IReadOnlyList<BatchOperation> operations, CancellationToken cancellationToken) =>
        inner.ExecuteBatchAsync(prefix + table, operations, cancellationToken);

    public IAsyncEnumerable<StoredEntity> QueryAsync(string table, string? partitionKey, string? rowKeyFrom, string? rowKeyTo, CancellationToken cancellationToken) =>
        inner.QueryAsync(prefix + table, partitionKey, rowKeyFrom, rowKeyTo, cancellationToken);
}
