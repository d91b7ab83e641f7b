using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using Alerts.Core.Ports;
using Alerts.Storage.Primitive;

namespace Alerts.Storage.Repositories;

/// <summary>One store table holding JSON documents of one type: the only place repositories touch the primitive.</summary>
internal sealed class JsonTable<T>(IEntityStore store, string table, JsonTypeInfo<T> typeInfo)
    where T : class
{
    public string Name => table;

    public Task EnsureAsync(CancellationToken cancellationToken) => store.EnsureTableAsync(table, cancellationToken);

    public async Task<Versioned<T>?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var row = await store.GetAsync(table, partitionKey, rowKey, cancellationToken);
        return row is null ? null : new Versioned<T>(Deserialize(row), row.ETag);
    }

    public async Task<bool> TryInsertAsync(string partitionKey, string rowKey, T value, CancellationToken cancellationToken) =>
        await store.InsertIfAbsentAsync(table, partitionKey, rowKey, Serialize(value), cancellationToken) is not null;

    /// <summary>Insert-if-absent: the new row's ETag, or null when the row exists.</summary>
    public Task<string?> InsertAsync(string partitionKey, string rowKey, T value, CancellationToken cancellationToken) =>
        store.InsertIfAbsentAsync(table, partitionKey, rowKey, Serialize(value), cancellationToken);

    public Task<string> UpsertAsync(string partitionKey, string rowKey, T value, CancellationToken cancellationToken) =>
        store.UpsertAsync(table, partitionKey, rowKey, Serialize(value), cancellationToken);

    public Task<string?> ReplaceAsync(string partitionKey, string rowKey, T value, string etag, CancellationToken cancellationToken) =>
        store.ReplaceIfMatchAsync(table, partitionKey, rowKey, Serialize(value), etag, cancellationToken);

    public Task<bool> DeleteAsync(string partitionKey, string rowKey, CancellationToken cancellationToken) =>
        store.DeleteAsync(table, partitionKey, rowKey, null, cancellationToken);

    public async IAsyncEnumerable<T> QueryAsync(string? partitionKey, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in store.QueryAsync(table, partitionKey, null, null, cancellationToken))
        {
            yield return Deserialize(row);
        }
    }

    public async Task<IReadOnlyList<T>> ListAsync(string? partitionKey, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await foreach (var item in QueryAsync(partitionKey, cancellationToken))
        {
            list.Add(item);
        }

        return list;
    }

    public string Serialize(T value) => System.Text.Json.JsonSerializer.Serialize(value, typeInfo);

    public T Deserialize(StoredEntity row) => Deserialize(row.Data, row.PartitionKey + "/" + row.RowKey);

    /// <summary>A document stored elsewhere than a row of this table (<paramref name="where"/> names it in the error).</summary>
    public T Deserialize(string data, string where) =>
        System.Text.Json.JsonSerializer.Deserialize(data, typeInfo) ?? throw new InvalidDataException($"Row {table}/{where} holds null.");
}
