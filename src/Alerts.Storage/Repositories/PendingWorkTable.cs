using System.Runtime.CompilerServices;
using Alerts.Core.Ports;
using Alerts.Storage.Primitive;

namespace Alerts.Storage.Repositories;

/// <summary>
/// Pending work on a store that keeps it in a table of its own, indexed in place (<see cref="IPendingWorkStore"/>, SQLite): every
/// change is one statement, the sweep reads what is due and a count reads the index. Rows of the entity layout
/// (<see cref="WorkRows"/>) that an older version left behind are moved in when the store is opened.
/// </summary>
internal sealed class PendingWorkTable(IPendingWorkStore store, JsonTable<WorkItem> json)
{
    public Task PutAsync(WorkItem item, CancellationToken cancellationToken) => store.PutPendingAsync(Row(item), cancellationToken);

    public Task<bool> TryAddAsync(WorkItem item, CancellationToken cancellationToken) => store.AddPendingAsync(Row(item), cancellationToken);

    public Task RemoveAsync(WorkStage stage, string key, CancellationToken cancellationToken) =>
        store.RemovePendingAsync(stage.ToString(), key, cancellationToken);

    public Task<bool> IsPendingAsync(WorkStage stage, string key, CancellationToken cancellationToken) =>
        store.IsPendingAsync(stage.ToString(), key, cancellationToken);

    public Task<long> CountAsync(WorkStage stage, CancellationToken cancellationToken) => store.CountPendingAsync(stage.ToString(), cancellationToken);

    /// <summary>The stage's items, or with <paramref name="dueBy"/> those due at or before it, earliest first.</summary>
    public async IAsyncEnumerable<WorkItem> ListAsync(WorkStage stage, DateTimeOffset? dueBy, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in store.ListPendingAsync(stage.ToString(), dueBy?.UtcTicks, cancellationToken))
        {
            yield return json.Deserialize(row.Data, row.Stage + "/" + row.Key);
        }
    }

    /// <summary>
    /// Moves every pending item the entity layout holds (a pointer row per key, or one row per key in the older one-partition
    /// layout) into the table, and deletes the entity rows (pointers, due-time rows, counters). An item the table holds already
    /// was written later, and stays. In one transaction where the store has them; otherwise each item is added before its rows
    /// are deleted, so a crash part-way loses nothing and the next open finishes the move. Once done, each open reads one empty range.
    /// </summary>
    public async Task MoveEntityRowsAsync(CancellationToken cancellationToken)
    {
        if (!await AnyEntityRowAsync(cancellationToken))
        {
            return;
        }

        if (store is ITransactionalEntityStore transactional)
        {
            await transactional.TransactAsync(
                view => MoveAsync(view as IPendingWorkStore ?? throw new InvalidOperationException("The transaction's view has no pending-work table."), cancellationToken),
                cancellationToken);
        }
        else
        {
            await MoveAsync(store, cancellationToken);
        }
    }

    private async Task<bool> AnyEntityRowAsync(CancellationToken cancellationToken)
    {
        await foreach (var _ in store.QueryAsync(json.Name, null, null, null, cancellationToken))
        {
            return true;
        }

        return false;
    }

    private async Task<int> MoveAsync(IPendingWorkStore target, CancellationToken cancellationToken)
    {
        var rows = new List<StoredEntity>();
        await foreach (var row in target.QueryAsync(json.Name, null, null, null, cancellationToken))
        {
            rows.Add(row);
        }

        foreach (var row in rows)
        {
            var legacy = !row.PartitionKey.Contains('|', StringComparison.Ordinal);
            if (legacy || row.RowKey.StartsWith(WorkRows.PointerPrefix, StringComparison.Ordinal))
            {
                await target.AddPendingAsync(Row(json.Deserialize(row)), cancellationToken);
            }

            await target.DeleteAsync(json.Name, row.PartitionKey, row.RowKey, null, cancellationToken);
        }

        return rows.Count;
    }

    private PendingRow Row(WorkItem item) => new(item.Stage.ToString(), item.Key, item.DueAt.UtcTicks, json.Serialize(item));
}
