using System.Runtime.CompilerServices;
using System.Text.Json;
using Alerts.Core.Ports;
using Alerts.Core.Serialization;
using Alerts.Storage.Primitive;

namespace Alerts.Storage.Tests.Conformance;

/// <summary>Pending work indexed by due time, on every backend: what the sweep and <c>/health</c> read, and what they cost.</summary>
public abstract class WorkRepositoryConformance
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    protected abstract Task<IEntityStore> CreateEntityStoreAsync();

    private static CancellationToken None => CancellationToken.None;

    private async Task<(IWorkRepository Work, CountingStore Rows)> CreateAsync()
    {
        var entities = await CreateEntityStoreAsync();
        var rows = entities is IPendingWorkStore pending ? new CountingPendingStore(pending) : new CountingStore(entities);
        return ((await AlertStore.CreateAsync(rows, None)).Work, rows);
    }

    [Fact]
    public async Task A_held_batch_lists_its_own_rows_once_each_and_its_release_is_due_at_its_time()
    {
        var store = await AlertStore.CreateAsync(await CreateEntityStoreAsync(), None);
        var releaseAt = Now.AddHours(3);
        Core.Model.HeldDelivery Row(string batch, string delivery) =>
            new(batch, "t1", delivery, "al_" + delivery, "slack", Core.Model.ChannelKind.Slack, releaseAt, Core.Model.HoldReason.QuietHours, "22:00–07:00 Asia/Hong_Kong", "Asia/Hong_Kong");
        await store.Held.HoldAsync(Row("hb_a", "dl_1"), None);
        await store.Held.HoldAsync(Row("hb_a", "dl_2"), None);
        await store.Held.HoldAsync(Row("hb_a", "dl_1"), None); // a repeated evaluation
        await store.Held.HoldAsync(Row("hb_b", "dl_3"), None);
        await store.Work.PutAsync(new WorkItem(WorkStage.Release, "hb_a", releaseAt), None);

        await store.Held.RemoveAsync("hb_b", "dl_3", None);

        Assert.Equal(["dl_1", "dl_2"], (await store.Held.ListAsync("hb_a", None)).Select(h => h.DeliveryId).Order());
        Assert.Empty(await store.Held.ListAsync("hb_b", None));
        Assert.Empty(await ListAsync(store.Work.ListDueAsync(WorkStage.Release, releaseAt.AddTicks(-1), None)));
        Assert.Equal("hb_a", Assert.Single(await ListAsync(store.Work.ListDueAsync(WorkStage.Release, releaseAt, None))).Key);
    }

    [Fact]
    public async Task Due_items_come_earliest_first_and_a_moved_item_only_at_its_new_time()
    {
        var (work, _) = await CreateAsync();
        await work.PutAsync(new WorkItem(WorkStage.Deliver, "t/late", Now.AddSeconds(-1)), None);
        await work.PutAsync(new WorkItem(WorkStage.Deliver, "t/early", Now.AddMinutes(-5)), None);
        await work.PutAsync(new WorkItem(WorkStage.Deliver, "t/exactly", Now), None);
        await work.PutAsync(new WorkItem(WorkStage.Deliver, "t/future", Now.AddTicks(1)), None);
        await work.PutAsync(new WorkItem(WorkStage.Deliver, "t/moved", Now.AddMinutes(-1)), None);
        await work.PutAsync(new WorkItem(WorkStage.Evaluate, "hkex:1", Now.AddMinutes(-1)), None);

        await work.PutAsync(new WorkItem(WorkStage.Deliver, "t/moved", Now.AddHours(1)), None);

        Assert.Equal(["t/early", "t/late", "t/exactly"], (await ListAsync(work.ListDueAsync(WorkStage.Deliver, Now, None))).Select(w => w.Key));
        var moved = Assert.Single(await ListAsync(work.ListDueAsync(WorkStage.Deliver, Now.AddHours(1), None)), w => w.Key == "t/moved");
        Assert.Equal(Now.AddHours(1), moved.DueAt);
        Assert.Equal(5, (await ListAsync(work.ListAsync(WorkStage.Deliver, None))).Count);
    }

    [Fact]
    public async Task Counts_follow_adds_duplicates_moves_and_removals()
    {
        var (work, _) = await CreateAsync();

        Assert.True(await work.TryAddAsync(new WorkItem(WorkStage.Evaluate, "hkex:1", Now), None));
        Assert.False(await work.TryAddAsync(new WorkItem(WorkStage.Evaluate, "hkex:1", Now.AddHours(1)), None));
        await work.PutAsync(new WorkItem(WorkStage.Evaluate, "hkex:2", Now), None);
        await work.PutAsync(new WorkItem(WorkStage.Evaluate, "hkex:2", Now.AddHours(1)), None);
        await work.PutAsync(new WorkItem(WorkStage.Deliver, "t/1", Now), None);
        Assert.Equal((2, 1), (await work.CountAsync(WorkStage.Evaluate, None), await work.CountAsync(WorkStage.Deliver, None)));

        await work.RemoveAsync(WorkStage.Evaluate, "hkex:1", None);
        await work.RemoveAsync(WorkStage.Evaluate, "hkex:1", None);
        await work.RemoveAsync(WorkStage.Evaluate, "never-added", None);

        Assert.Equal(1, await work.CountAsync(WorkStage.Evaluate, None));
        Assert.Equal(Now, Assert.Single(await ListAsync(work.ListDueAsync(WorkStage.Evaluate, Now.AddDays(1), None)), w => w.Key == "hkex:2").DueAt.AddHours(-1));
    }

    [Fact]
    public async Task Concurrent_writers_keep_the_index_and_the_counts_exact()
    {
        var (work, _) = await CreateAsync();

        await Task.WhenAll(Enumerable.Range(0, 16).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 12; i++)
            {
                var key = $"t/{writer}-{i}";
                await work.TryAddAsync(new WorkItem(WorkStage.Deliver, key, Now.AddSeconds(i)), None);
                await work.PutAsync(new WorkItem(WorkStage.Deliver, key, Now.AddSeconds(-i)), None);
                if (i % 2 == 0)
                {
                    await work.RemoveAsync(WorkStage.Deliver, key, None);
                }
            }
        })));
        // Many writers moving one key at once: it must end with exactly one due row.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => work.PutAsync(new WorkItem(WorkStage.Deliver, "t/hot", Now.AddMinutes(-i)), None))));

        var due = await ListAsync(work.ListDueAsync(WorkStage.Deliver, Now.AddDays(1), None));
        Assert.Equal(16 * 6 + 1, await work.CountAsync(WorkStage.Deliver, None));
        Assert.Equal(16 * 6 + 1, due.Count);
        Assert.Equal(due.Count, due.Select(w => w.Key).Distinct().Count());
        Assert.Equal(due.Select(w => w.Key).Order(), (await ListAsync(work.ListAsync(WorkStage.Deliver, None))).Select(w => w.Key).Order());
    }

    [Fact]
    public async Task The_sweep_reads_what_is_due_and_a_count_reads_no_items()
    {
        var (work, rows) = await CreateAsync();
        for (var i = 0; i < 300; i++)
        {
            await work.PutAsync(new WorkItem(WorkStage.Deliver, $"t/paused-{i}", Now.AddHours(1)), None);
        }

        await work.PutAsync(new WorkItem(WorkStage.Deliver, "t/due", Now.AddSeconds(-5)), None);
        rows.Reset();

        var due = await ListAsync(work.ListDueAsync(WorkStage.Deliver, Now, None));
        var dueRowsRead = rows.RowsRead;
        rows.Reset();
        var count = await work.CountAsync(WorkStage.Deliver, None);

        Assert.Equal("t/due", Assert.Single(due).Key);
        Assert.Equal(1, dueRowsRead);
        Assert.Equal(301, count);
        Assert.InRange(rows.RowsRead, 1, 64);
    }

    [Fact]
    public async Task Pending_rows_written_before_the_index_existed_are_upgraded_at_open()
    {
        var entities = await CreateEntityStoreAsync();
        await entities.EnsureTableAsync("work", None);
        foreach (var (stage, key, due) in new[] { (WorkStage.Deliver, "t1/dl_1", Now.AddMinutes(-1)), (WorkStage.Evaluate, "sse:a/b", Now.AddMinutes(1)) })
        {
            await entities.UpsertAsync("work", stage.ToString(), EntityKeys.Encode(key),
                JsonSerializer.Serialize(new WorkItem(stage, key, due), AlertsJsonContext.Default.WorkItem), None);
        }

        var work = (await AlertStore.CreateAsync(entities, None)).Work;

        Assert.Equal("t1/dl_1", Assert.Single(await ListAsync(work.ListDueAsync(WorkStage.Deliver, Now, None))).Key);
        Assert.Equal((1, 1), (await work.CountAsync(WorkStage.Deliver, None), await work.CountAsync(WorkStage.Evaluate, None)));
        await work.RemoveAsync(WorkStage.Evaluate, "sse:a/b", None);
        Assert.Empty(await ListAsync(work.ListAsync(WorkStage.Evaluate, None)));
        Assert.Equal(0, await work.CountAsync(WorkStage.Evaluate, None));
    }

    private protected static async Task<List<T>> ListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    /// <summary>A store with a pending-work table, wrapped like any other (a count reads one row: its answer).</summary>
    private sealed class CountingPendingStore(IPendingWorkStore inner) : CountingStore(inner), IPendingWorkStore
    {
        public Task<bool> PutPendingAsync(PendingRow row, CancellationToken cancellationToken) => inner.PutPendingAsync(row, cancellationToken);

        public Task<bool> AddPendingAsync(PendingRow row, CancellationToken cancellationToken) => inner.AddPendingAsync(row, cancellationToken);

        public Task<bool> RemovePendingAsync(string stage, string key, CancellationToken cancellationToken) => inner.RemovePendingAsync(stage, key, cancellationToken);

        public Task<bool> IsPendingAsync(string stage, string key, CancellationToken cancellationToken) => inner.IsPendingAsync(stage, key, cancellationToken);

        public Task<long> CountPendingAsync(string stage, CancellationToken cancellationToken)
        {
            AddRead();
            return inner.CountPendingAsync(stage, cancellationToken);
        }

        public async IAsyncEnumerable<PendingRow> ListPendingAsync(string stage, long? dueBy, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var row in inner.ListPendingAsync(stage, dueBy, cancellationToken))
            {
                AddRead();
                yield return row;
            }
        }
    }

    /// <summary>
    /// Counts the rows queries hand back, to show what a read costs. It offers the entity primitive alone (no pending-work table),
    /// as every store looked before SQLite had one.
    /// </summary>
    private protected class CountingStore(IEntityStore inner) : IEntityStore
    {
        private int _rowsRead;

        protected void AddRead() => Interlocked.Increment(ref _rowsRead);

        public int RowsRead => _rowsRead;

        public void Reset() => _rowsRead = 0;

        public Task EnsureTableAsync(string table, CancellationToken cancellationToken) => inner.EnsureTableAsync(table, cancellationToken);

        public Task<StoredEntity?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken) =>
            inner.GetAsync(table, partitionKey, rowKey, cancellationToken);

        public Task<string?> InsertIfAbsentAsync(string table, string partitionKey, string rowKey, string data, CancellationToken cancellationToken) =>
            inner.InsertIfAbsentAsync(table, partitionKey, rowKey, data, cancellationToken);

        public Task<string> UpsertAsync(string table, string partitionKey, string rowKey, string data, CancellationToken cancellationToken) =>
            inner.UpsertAsync(table, partitionKey, rowKey, data, cancellationToken);

        public Task<string?> ReplaceIfMatchAsync(string table, string partitionKey, string rowKey, string data, string etag, CancellationToken cancellationToken) =>
            inner.ReplaceIfMatchAsync(table, partitionKey, rowKey, data, etag, cancellationToken);

        public Task<bool> DeleteAsync(string table, string partitionKey, string rowKey, string? etag, CancellationToken cancellationToken) =>
            inner.DeleteAsync(table, partitionKey, rowKey, etag, cancellationToken);

        public Task<IReadOnlyList<string?>> ExecuteBatchAsync(string table, IReadOnlyList<BatchOperation> operations, CancellationToken cancellationToken) =>
            inner.ExecuteBatchAsync(table, operations, cancellationToken);

        public async IAsyncEnumerable<StoredEntity> QueryAsync(
            string table, string? partitionKey, string? rowKeyFrom, string? rowKeyTo, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var row in inner.QueryAsync(table, partitionKey, rowKeyFrom, rowKeyTo, cancellationToken))
            {
                Interlocked.Increment(ref _rowsRead);
                yield return row;
            }
        }
    }
}
