using System.Runtime.CompilerServices;
using Alerts.Storage.Primitive;
using Microsoft.Data.Sqlite;

namespace Alerts.Storage.Sqlite;

/// <summary>
/// The store as seen from inside the writer's open transaction (<see cref="SqliteEntityStore.TransactAsync"/>): every call runs
/// at once on the writer connection, so reads see this transaction's writes and nothing can change between a read and a write.
/// </summary>
internal sealed class SqliteTransactionView(SqliteTransaction transaction, SqliteWriteCommands commands) : IPendingWorkStore
{
    private const string BatchSavepoint = "view_batch";

    public Task EnsureTableAsync(string table, CancellationToken cancellationToken)
    {
        EntityKeys.ValidateTable(table);
        return Task.CompletedTask;
    }

    public Task<StoredEntity?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        EntityKeys.Validate(table, partitionKey, rowKey);
        return Task.FromResult(commands.Get(transaction, table, partitionKey, rowKey));
    }

    public Task<string?> InsertIfAbsentAsync(string table, string partitionKey, string rowKey, string data, CancellationToken cancellationToken) =>
        Task.FromResult(One(table, BatchOperation.Insert(partitionKey, rowKey, data)).ETag);

    public Task<string> UpsertAsync(string table, string partitionKey, string rowKey, string data, CancellationToken cancellationToken) =>
        Task.FromResult(One(table, BatchOperation.Upsert(partitionKey, rowKey, data)).ETag!);

    public Task<string?> ReplaceIfMatchAsync(string table, string partitionKey, string rowKey, string data, string etag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(etag);
        return Task.FromResult(One(table, BatchOperation.Replace(partitionKey, rowKey, data, etag)).ETag);
    }

    public Task<bool> DeleteAsync(string table, string partitionKey, string rowKey, string? etag, CancellationToken cancellationToken) =>
        Task.FromResult(One(table, BatchOperation.Delete(partitionKey, rowKey, etag)).Applied);

    public Task<IReadOnlyList<string?>> ExecuteBatchAsync(string table, IReadOnlyList<BatchOperation> operations, CancellationToken cancellationToken)
    {
        EntityBatch.Validate(table, operations);
        commands.Save(transaction, BatchSavepoint);
        var etags = new string?[operations.Count];
        for (var i = 0; i < operations.Count; i++)
        {
            var outcome = commands.Execute(transaction, table, operations[i]);
            if (!outcome.Applied)
            {
                commands.RollBack(transaction, BatchSavepoint);
                return Task.FromException<IReadOnlyList<string?>>(new BatchConflictException(i, operations[i]));
            }

            etags[i] = outcome.ETag;
        }

        commands.Release(transaction, BatchSavepoint);
        return Task.FromResult<IReadOnlyList<string?>>(etags);
    }

    public async IAsyncEnumerable<StoredEntity> QueryAsync(
        string table, string? partitionKey, string? rowKeyFrom, string? rowKeyTo, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        EntityKeys.ValidateTable(table);
        foreach (var row in commands.Query(transaction, table, partitionKey, rowKeyFrom, rowKeyTo))
        {
            yield return row;
        }

        await Task.CompletedTask;
    }

    public Task<bool> PutPendingAsync(PendingRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Task.FromResult(commands.Pending.Put(transaction, row));
    }

    public Task<bool> AddPendingAsync(PendingRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Task.FromResult(commands.Pending.Add(transaction, row));
    }

    public Task<bool> RemovePendingAsync(string stage, string key, CancellationToken cancellationToken) =>
        Task.FromResult(commands.Pending.Remove(transaction, stage, key));

    public Task<bool> IsPendingAsync(string stage, string key, CancellationToken cancellationToken) =>
        Task.FromResult(commands.Pending.IsPending(transaction, stage, key));

    public Task<long> CountPendingAsync(string stage, CancellationToken cancellationToken) =>
        Task.FromResult(commands.Pending.Count(transaction, stage));

    public async IAsyncEnumerable<PendingRow> ListPendingAsync(string stage, long? dueBy, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Read to the end before the first row is handed back, like QueryAsync: the caller may write between rows.
        var rows = new List<PendingRow>();
        using (var command = commands.Pending.List(transaction, stage, dueBy))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                rows.Add(SqlitePendingWork.Read(stage, reader));
            }
        }

        foreach (var row in rows)
        {
            yield return row;
        }

        await Task.CompletedTask;
    }

    private WriteOutcome One(string table, BatchOperation operation)
    {
        EntityKeys.Validate(table, operation.PartitionKey, operation.RowKey);
        return commands.Execute(transaction, table, operation);
    }
}
