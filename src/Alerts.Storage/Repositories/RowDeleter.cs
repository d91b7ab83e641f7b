using Alerts.Storage.Primitive;

namespace Alerts.Storage.Repositories;

/// <summary>
/// Deletes rows met while scanning a table in key order, each only if it still has the ETag it was read with, as partition
/// batches of up to 100 (one request to Table Storage instead of a hundred). When a batch conflicts because one row changed,
/// that batch's rows are deleted one by one so the others still go and the changed one stays.
/// </summary>
internal sealed class RowDeleter(IEntityStore store, string table)
{
    private readonly List<StoredEntity> _pending = new(EntityBatch.MaxOperations);

    public int Deleted { get; private set; }

    public async Task AddAsync(StoredEntity row, CancellationToken cancellationToken)
    {
        if (_pending.Count == EntityBatch.MaxOperations || (_pending.Count > 0 && _pending[0].PartitionKey != row.PartitionKey))
        {
            await FlushAsync(cancellationToken);
        }

        _pending.Add(row);
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        try
        {
            await store.ExecuteBatchAsync(table, [.. _pending.Select(row => BatchOperation.Delete(row.PartitionKey, row.RowKey, row.ETag))], cancellationToken);
            Deleted += _pending.Count;
        }
        catch (BatchConflictException)
        {
            foreach (var row in _pending)
            {
                Deleted += await store.DeleteAsync(table, row.PartitionKey, row.RowKey, row.ETag, cancellationToken) ? 1 : 0;
            }
        }

        _pending.Clear();
    }
}
