using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Alerts.Storage.Primitive;

namespace Alerts.Storage.Tables;

/// <summary>
/// The Azure backend of the store primitive: each store table is one Azure table, each row one entity whose payload is the
/// string property <see cref="DataProperty"/>, and ETags are the service's own. Tables are created on first write (and
/// remembered), and a table that does not exist yet reads as empty, so callers see the same behaviour as the SQLite backend.
/// </summary>
public sealed class TablesEntityStore(TableStorageClient client) : IEntityStore
{
    public const string DataProperty = "Data";

    /// <summary>Table string properties hold at most 64 KiB of UTF-16, i.e. 32,768 characters.</summary>
    public const int MaxDataLength = 32 * 1024;

    // Azure table names are case-insensitive.
    private readonly ConcurrentDictionary<string, bool> _existingTables = new(StringComparer.OrdinalIgnoreCase);

    public async Task EnsureTableAsync(string table, CancellationToken cancellationToken)
    {
        EntityKeys.ValidateTable(table);
        if (!_existingTables.ContainsKey(table))
        {
            await client.CreateTableIfNotExistsAsync(table, cancellationToken);
            _existingTables.TryAdd(table, true);
        }
    }

    public async Task<StoredEntity?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        EntityKeys.Validate(table, partitionKey, rowKey);
        try
        {
            var entity = await client.GetEntityAsync(table, partitionKey, rowKey, cancellationToken);
            return entity is null ? null : ToStored(table, entity);
        }
        catch (TableStorageException exception) when (exception.ErrorCode == TableErrorCode.TableNotFound)
        {
            return null;
        }
    }

    public async Task<string?> InsertIfAbsentAsync(string table, string partitionKey, string rowKey, string data, CancellationToken cancellationToken)
    {
        var entity = ToEntity(table, partitionKey, rowKey, data);
        await EnsureTableAsync(table, cancellationToken);
        try
        {
            return await client.InsertEntityAsync(table, entity, cancellationToken);
        }
        catch (TableStorageException exception) when (exception.Status == 409 && exception.ErrorCode == TableErrorCode.EntityAlreadyExists)
        {
            return null;
        }
    }

    public async Task<string> UpsertAsync(string table, string partitionKey, string rowKey, string data, CancellationToken cancellationToken)
    {
        var entity = ToEntity(table, partitionKey, rowKey, data);
        await EnsureTableAsync(table, cancellationToken);
        return await client.UpsertEntityAsync(table, entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<string?> ReplaceIfMatchAsync(string table, string partitionKey, string rowKey, string data, string etag, CancellationToken cancellationToken)
    {
        var entity = ToEntity(table, partitionKey, rowKey, data);
        ArgumentException.ThrowIfNullOrEmpty(etag);
        await EnsureTableAsync(table, cancellationToken);
        try
        {
            return await client.UpdateEntityAsync(table, entity, etag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (TableStorageException exception) when (exception.Status is 404 or 412)
        {
            return null;
        }
    }

    public async Task<bool> DeleteAsync(string table, string partitionKey, string rowKey, string? etag, CancellationToken cancellationToken)
    {
        EntityKeys.Validate(table, partitionKey, rowKey);
        await EnsureTableAsync(table, cancellationToken);
        try
        {
            await client.DeleteEntityAsync(table, partitionKey, rowKey, etag ?? "*", cancellationToken);
            return true;
        }
        catch (TableStorageException exception) when (exception.Status is 404 or 412)
        {
            return false;
        }
    }

    public async IAsyncEnumerable<StoredEntity> QueryAsync(
        string table, string? partitionKey, string? rowKeyFrom, string? rowKeyTo, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        EntityKeys.ValidateTable(table);
        var filter = RangeFilter(partitionKey, rowKeyFrom, rowKeyTo);
        await using var rows = client.QueryAsync(table, filter, cancellationToken: cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            // C# cannot yield inside a try with a catch, so only the fetch is guarded.
            bool more;
            try
            {
                more = await rows.MoveNextAsync();
            }
            catch (TableStorageException exception) when (exception.ErrorCode == TableErrorCode.TableNotFound)
            {
                yield break;
            }

            if (!more)
            {
                yield break;
            }

            yield return ToStored(table, rows.Current);
        }
    }

    // Replaced by the Azure.Data.Tables adapter's transactions in the next change.
    public Task<IReadOnlyList<string?>> ExecuteBatchAsync(string table, IReadOnlyList<BatchOperation> operations, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Batches need the Azure.Data.Tables adapter.");

    private static string? RangeFilter(string? partitionKey, string? rowKeyFrom, string? rowKeyTo)
    {
        var clauses = new List<string>(3);
        if (partitionKey is not null)
        {
            clauses.Add(TableFilter.Create($"PartitionKey eq {partitionKey}"));
        }

        if (rowKeyFrom is not null)
        {
            clauses.Add(TableFilter.Create($"RowKey ge {rowKeyFrom}"));
        }

        if (rowKeyTo is not null)
        {
            clauses.Add(TableFilter.Create($"RowKey lt {rowKeyTo}"));
        }

        return clauses.Count == 0 ? null : string.Join(" and ", clauses);
    }

    private static TableEntity ToEntity(string table, string partitionKey, string rowKey, string data)
    {
        EntityKeys.Validate(table, partitionKey, rowKey);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length > MaxDataLength)
        {
            throw new ArgumentException(
                $"Entity data is {data.Length} characters; an Azure Table string property holds at most {MaxDataLength} (64 KiB of UTF-16).",
                nameof(data));
        }

        return new TableEntity(partitionKey, rowKey) { [DataProperty] = data };
    }

    private static StoredEntity ToStored(string table, TableEntity entity) =>
        new(
            entity.PartitionKey,
            entity.RowKey,
            entity.GetString(DataProperty) ?? throw new InvalidDataException($"Entity ({entity.PartitionKey}, {entity.RowKey}) in {table} has no {DataProperty} string."),
            entity.ETag ?? throw new InvalidDataException($"Entity ({entity.PartitionKey}, {entity.RowKey}) in {table} came back without an ETag."));
}
