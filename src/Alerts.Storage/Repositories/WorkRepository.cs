using System.Runtime.CompilerServices;
using Alerts.Core.Ports;
using Alerts.Storage.Primitive;

namespace Alerts.Storage.Repositories;

/// <summary>
/// Pending work indexed by due time (<see cref="WorkRows"/>): every change writes the key's pointer, its due-time row and its
/// partition's counter in one partition batch, with ETag conditions, and retries when a concurrent writer got there first.
/// The sweep reads only what is due; counts read the counters. That is the layout on Table Storage. A store with a pending-work
/// table of its own (<see cref="IPendingWorkStore"/>, SQLite) keeps the work there instead (<see cref="PendingWorkTable"/>).
/// </summary>
internal sealed class WorkRepository(StoreTables tables) : IWorkRepository
{
    private const int MaxAttempts = 100;

    private readonly PendingWorkTable? _pending = tables.Store is IPendingWorkStore pending ? new PendingWorkTable(pending, tables.Work) : null;

    private IEntityStore Store => tables.Store;

    private string Table => tables.Work.Name;

    public Task PutAsync(WorkItem item, CancellationToken cancellationToken) => _pending?.PutAsync(item, cancellationToken) ??
        ChangeAsync(item.Stage, item.Key, current => current is { } existing && existing.Item.DueAt == item.DueAt ? Change.None : Change.Set(item), cancellationToken);

    public Task<bool> TryAddAsync(WorkItem item, CancellationToken cancellationToken) =>
        _pending?.TryAddAsync(item, cancellationToken) ?? TryAddRowsAsync(item, cancellationToken);

    private async Task<bool> TryAddRowsAsync(WorkItem item, CancellationToken cancellationToken)
    {
        // No read of the pointer first: inserting it is the check, and the batch fails on its first operation when it exists.
        var partition = WorkRows.Partition(item.Stage, item.Key);
        for (var attempt = 1; ; attempt++)
        {
            var counter = await Store.GetAsync(Table, partition, WorkRows.Counter(item.Key), cancellationToken);
            try
            {
                await Store.ExecuteBatchAsync(Table, Operations(partition, item.Key, null, item, counter), cancellationToken);
                return true;
            }
            catch (BatchConflictException conflict) when (conflict.FailedIndex == 0)
            {
                return false;
            }
            catch (BatchConflictException) when (attempt < MaxAttempts)
            {
                // The counter shard moved on since it was read: read it again.
            }
        }
    }

    public Task RemoveAsync(WorkStage stage, string key, CancellationToken cancellationToken) => _pending?.RemoveAsync(stage, key, cancellationToken) ??
        ChangeAsync(stage, key, current => current is null ? Change.None : Change.Remove, cancellationToken);

    public IAsyncEnumerable<WorkItem> ListAsync(WorkStage stage, CancellationToken cancellationToken) =>
        _pending?.ListAsync(stage, null, cancellationToken) ?? ListRowsAsync(stage, cancellationToken);

    public IAsyncEnumerable<WorkItem> ListDueAsync(WorkStage stage, DateTimeOffset dueBy, CancellationToken cancellationToken) =>
        _pending?.ListAsync(stage, dueBy, cancellationToken) ?? ListDueRowsAsync(stage, dueBy, cancellationToken);

    public Task<bool> IsPendingAsync(WorkStage stage, string key, CancellationToken cancellationToken) =>
        _pending?.IsPendingAsync(stage, key, cancellationToken) ?? IsPendingRowAsync(stage, key, cancellationToken);

    public Task<long> CountAsync(WorkStage stage, CancellationToken cancellationToken) =>
        _pending?.CountAsync(stage, cancellationToken) ?? CountRowsAsync(stage, cancellationToken);

    /// <summary>
    /// Moves rows of an older layout into the current one: on Table Storage, those of the layout before the due-time index (one
    /// partition per stage, one row per key); on a store with a pending-work table, every work row of the entity layout.
    /// Runs at every open; once they are moved it reads one empty partition per stage (one empty range with a pending-work table).
    /// </summary>
    public async Task UpgradeLegacyRowsAsync(CancellationToken cancellationToken)
    {
        if (_pending is not null)
        {
            await _pending.MoveEntityRowsAsync(cancellationToken);
            return;
        }

        foreach (var stage in Enum.GetValues<WorkStage>())
        {
            var legacy = new List<StoredEntity>();
            await foreach (var row in Store.QueryAsync(Table, WorkRows.LegacyPartition(stage), null, null, cancellationToken))
            {
                legacy.Add(row);
            }

            foreach (var row in legacy)
            {
                await TryAddAsync(tables.Work.Deserialize(row), cancellationToken);
                await Store.DeleteAsync(Table, row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
            }
        }
    }

    private async IAsyncEnumerable<WorkItem> ListRowsAsync(WorkStage stage, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var partition in WorkRows.AllPartitions(stage))
        {
            await foreach (var row in Store.QueryAsync(Table, partition, WorkRows.PointerPrefix, WorkRows.End(WorkRows.PointerPrefix), cancellationToken))
            {
                yield return tables.Work.Deserialize(row);
            }
        }
    }

    private async IAsyncEnumerable<WorkItem> ListDueRowsAsync(WorkStage stage, DateTimeOffset dueBy, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Each partition hands back its due rows in due order; merging them costs what is due.
        var due = new List<StoredEntity>();
        foreach (var partition in WorkRows.AllPartitions(stage))
        {
            await foreach (var row in Store.QueryAsync(Table, partition, WorkRows.DuePrefix, WorkRows.DueBefore(dueBy), cancellationToken))
            {
                due.Add(row);
            }
        }

        foreach (var row in due.OrderBy(row => row.RowKey, StringComparer.Ordinal))
        {
            yield return tables.Work.Deserialize(row);
        }
    }

    private async Task<bool> IsPendingRowAsync(WorkStage stage, string key, CancellationToken cancellationToken) =>
        await Store.GetAsync(Table, WorkRows.Partition(stage, key), WorkRows.Pointer(key), cancellationToken) is not null;

    private async Task<long> CountRowsAsync(WorkStage stage, CancellationToken cancellationToken)
    {
        long count = 0;
        foreach (var partition in WorkRows.AllPartitions(stage))
        {
            await foreach (var row in Store.QueryAsync(Table, partition, WorkRows.CounterPrefix, WorkRows.End(WorkRows.CounterPrefix), cancellationToken))
            {
                count += WorkRows.ParseCount(row.Data);
            }
        }

        return Math.Max(0, count);
    }

    private async Task ChangeAsync(WorkStage stage, string key, Func<(WorkItem Item, string ETag)?, Change> decide, CancellationToken cancellationToken)
    {
        var partition = WorkRows.Partition(stage, key);
        for (var attempt = 1; ; attempt++)
        {
            var pointer = await Store.GetAsync(Table, partition, WorkRows.Pointer(key), cancellationToken);
            var current = pointer is null ? ((WorkItem, string)?)null : (tables.Work.Deserialize(pointer), pointer.ETag);
            var change = decide(current);
            if (change.IsNone)
            {
                return;
            }

            var counted = current is null != change.Item is null;
            var counter = counted ? await Store.GetAsync(Table, partition, WorkRows.Counter(key), cancellationToken) : null;
            var operations = Operations(partition, key, current, change.Item, counter);
            try
            {
                await Store.ExecuteBatchAsync(Table, operations, cancellationToken);
                return;
            }
            catch (BatchConflictException) when (attempt < MaxAttempts)
            {
                // Another writer changed this key or its counter shard since we read them: read again and redo.
            }
        }
    }

    private List<BatchOperation> Operations(string partition, string key, (WorkItem Item, string ETag)? current, WorkItem? next, StoredEntity? counter)
    {
        var operations = new List<BatchOperation>(4);
        var data = next is null ? null : tables.Work.Serialize(next); // the pointer and the due-time row hold the same item
        if (current is { } existing)
        {
            operations.Add(data is null
                ? BatchOperation.Delete(partition, WorkRows.Pointer(key), existing.ETag)
                : BatchOperation.Replace(partition, WorkRows.Pointer(key), data, existing.ETag));
            operations.Add(BatchOperation.Delete(partition, WorkRows.Due(existing.Item.DueAt, key)));
        }
        else if (data is not null)
        {
            operations.Add(BatchOperation.Insert(partition, WorkRows.Pointer(key), data));
        }

        if (next is not null)
        {
            operations.Add(BatchOperation.Insert(partition, WorkRows.Due(next.DueAt, key), data!));
        }

        var delta = (current is null ? 0 : -1) + (next is null ? 0 : 1);
        if (delta != 0)
        {
            var shard = WorkRows.Counter(key);
            operations.Add(counter is null
                ? BatchOperation.Insert(partition, shard, WorkRows.FormatCount(delta))
                : BatchOperation.Replace(partition, shard, WorkRows.FormatCount(WorkRows.ParseCount(counter.Data) + delta), counter.ETag));
        }

        return operations;
    }

    private readonly record struct Change(bool IsNone, WorkItem? Item)
    {
        public static Change None => new(true, null);

        public static Change Remove => new(false, null);

        public static Change Set(WorkItem item) => new(false, item);
    }
}
