using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Alerts.Storage.Primitive;
using Azure;
using Azure.Data.Tables;

namespace Alerts.Storage.Tables;

/// <summary>
/// The Azure backend of the store primitive, a thin adapter over Azure.Data.Tables: each store table is one Azure table, each
/// row one entity carrying its payload as string properties (<see cref="TablePayload"/>), and ETags are the service's own.
/// Tables are created on first write (and remembered), and a table that does not exist yet reads as empty, as in SQLite.
/// Retries of transient failures are the SDK client's own (Azure.Core's retry policy); nothing here retries again.
/// </summary>
public sealed class TablesEntityStore(TableServiceClient service) : IEntityStore
{
    public const int MaxDataLength = TablePayload.MaxLength;

    // Azure table names are case-insensitive.
    private readonly ConcurrentDictionary<string, TableClient> _tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, bool> _existingTables = new(StringComparer.OrdinalIgnoreCase);

    public async Task EnsureTableAsync(string table, CancellationToken cancellationToken)
    {
        EntityKeys.ValidateTable(table);
        if (!_existingTables.ContainsKey(table))
        {
            await Client(table).CreateIfNotExistsAsync(cancellationToken);
            _existingTables.TryAdd(table, true);
        }
    }

    public async Task<StoredEntity?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        EntityKeys.Validate(table, partitionKey, rowKey);
        try
        {
            var response = await Client(table).GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
            return response.HasValue ? ToStored(table, response.Value!) : null;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null; // the table itself does not exist yet
        }
    }

    public async Task<string?> InsertIfAbsentAsync(string table, string partitionKey, string rowKey, string data, CancellationToken cancellationToken)
    {
        var entity = ToEntity(table, partitionKey, rowKey, data);
        await EnsureTableAsync(table, cancellationToken);
        try
        {
            return ETagOf(await Client(table).AddEntityAsync(entity, cancellationToken));
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return null;
        }
    }

    public async Task<string> UpsertAsync(string table, string partitionKey, string rowKey, string data, CancellationToken cancellationToken)
    {
        var entity = ToEntity(table, partitionKey, rowKey, data);
        await EnsureTableAsync(table, cancellationToken);
        return ETagOf(await Client(table).UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken));
    }

    public async Task<string?> ReplaceIfMatchAsync(string table, string partitionKey, string rowKey, string data, string etag, CancellationToken cancellationToken)
    {
        var entity = ToEntity(table, partitionKey, rowKey, data);
        ArgumentException.ThrowIfNullOrEmpty(etag);
        await EnsureTableAsync(table, cancellationToken);
        try
        {
            return ETagOf(await Client(table).UpdateEntityAsync(entity, new ETag(etag), TableUpdateMode.Replace, cancellationToken));
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
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
            // The SDK answers a missing entity with a 404 response rather than an exception.
            var response = await Client(table).DeleteEntityAsync(partitionKey, rowKey, etag is null ? ETag.All : new ETag(etag), cancellationToken);
            return response.Status is >= 200 and < 300;
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            return false;
        }
    }

    public async IAsyncEnumerable<StoredEntity> QueryAsync(
        string table, string? partitionKey, string? rowKeyFrom, string? rowKeyTo, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        EntityKeys.ValidateTable(table);
        var rows = Client(table).QueryAsync<TableEntity>(RangeFilter(partitionKey, rowKeyFrom, rowKeyTo), cancellationToken: cancellationToken);
        await using var enumerator = rows.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            // C# cannot yield inside a try with a catch, so only the fetch is guarded.
            bool more;
            try
            {
                more = await enumerator.MoveNextAsync();
            }
            catch (RequestFailedException exception) when (exception.Status == 404)
            {
                yield break;
            }

            if (!more)
            {
                yield break;
            }

            yield return ToStored(table, enumerator.Current);
        }
    }

    public async Task<IReadOnlyList<string?>> ExecuteBatchAsync(string table, IReadOnlyList<BatchOperation> operations, CancellationToken cancellationToken)
    {
        EntityBatch.Validate(table, operations);
        var actions = operations.Select(operation => ToAction(table, operation)).ToList();
        await EnsureTableAsync(table, cancellationToken);
        try
        {
            var responses = (await Client(table).SubmitTransactionAsync(actions, cancellationToken)).Value;
            return [.. operations.Select((operation, i) => operation.Kind == BatchOperationKind.Delete ? null : responses[i].Headers.ETag?.ToString())];
        }
        catch (TableTransactionFailedException exception)
            when (exception.Status is 404 or 409 or 412 && exception.FailedTransactionActionIndex is { } index && index < operations.Count)
        {
            throw new BatchConflictException(index, operations[index]);
        }
    }

    private TableClient Client(string table) => _tables.GetOrAdd(table, service.GetTableClient);

    private static TableTransactionAction ToAction(string table, BatchOperation operation) => operation.Kind switch
    {
        BatchOperationKind.Insert => new(TableTransactionActionType.Add, ToEntity(table, operation.PartitionKey, operation.RowKey, operation.Data!)),
        BatchOperationKind.Upsert => new(TableTransactionActionType.UpsertReplace, ToEntity(table, operation.PartitionKey, operation.RowKey, operation.Data!)),
        BatchOperationKind.Replace => new(
            TableTransactionActionType.UpdateReplace, ToEntity(table, operation.PartitionKey, operation.RowKey, operation.Data!), new ETag(operation.ETag!)),
        BatchOperationKind.Delete => new(
            TableTransactionActionType.Delete, new TableEntity(operation.PartitionKey, operation.RowKey), operation.ETag is null ? ETag.All : new ETag(operation.ETag)),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation.Kind, "Unknown batch operation."),
    };

    private static string? RangeFilter(string? partitionKey, string? rowKeyFrom, string? rowKeyTo)
    {
        var clauses = new List<string>(3);
        if (partitionKey is not null)
        {
            clauses.Add(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"));
        }

        if (rowKeyFrom is not null)
        {
            clauses.Add(TableClient.CreateQueryFilter($"RowKey ge {rowKeyFrom}"));
        }

        if (rowKeyTo is not null)
        {
            clauses.Add(TableClient.CreateQueryFilter($"RowKey lt {rowKeyTo}"));
        }

        return clauses.Count == 0 ? null : string.Join(" and ", clauses);
    }

    private static TableEntity ToEntity(string table, string partitionKey, string rowKey, string data)
    {
        EntityKeys.Validate(table, partitionKey, rowKey);
        return TablePayload.ToEntity(partitionKey, rowKey, data);
    }

    private static string ETagOf(Response response) =>
        response.Headers.ETag?.ToString() ?? throw new InvalidDataException("Table Storage answered a write without an ETag.");

    private static StoredEntity ToStored(string table, TableEntity entity) =>
        new(
            entity.PartitionKey,
            entity.RowKey,
            TablePayload.Read(table, entity),
            entity.ETag == default ? throw new InvalidDataException($"Entity ({entity.PartitionKey}, {entity.RowKey}) in {table} came back without an ETag.") : entity.ETag.ToString());
}
