using System.Text.Json;
using Alerts.Core.Ports;
using Alerts.Core.Serialization;
using Alerts.Storage.Primitive;
using Alerts.Storage.Tests.Conformance;

namespace Alerts.Storage.Tests.Sqlite;

/// <summary>Pending work in SQLite's table of its own: one statement per change, exact under concurrency, and upgraded in place.</summary>
public sealed class SqliteWorkRepositoryTests : WorkRepositoryConformance, IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private readonly TemporaryDatabase _database = new();

    private static CancellationToken None => CancellationToken.None;

    protected override async Task<IEntityStore> CreateEntityStoreAsync() => await _database.OpenAsync();

    [Fact]
    public async Task Work_is_counted_inside_and_outside_a_transaction_and_leaves_no_rows_in_the_entity_tables()
    {
        await using var entities = await _database.OpenAsync();
        var store = await AlertStore.CreateAsync(entities, None);

        var inside = await store.Transactions.RunAsync(async repositories =>
        {
            for (var i = 0; i < 40; i++)
            {
                await repositories.Work.TryAddAsync(new WorkItem(WorkStage.Deliver, $"t/d{i}", Now), None);
            }

            await repositories.Work.RemoveAsync(WorkStage.Deliver, "t/d0", None);
            await repositories.Work.PutAsync(new WorkItem(WorkStage.Deliver, "t/d1", Now.AddHours(1)), None);
            return (await repositories.Work.CountAsync(WorkStage.Deliver, None), await ListAsync(repositories.Work.ListDueAsync(WorkStage.Deliver, Now, None)));
        }, None);
        await store.Work.RemoveAsync(WorkStage.Deliver, "t/d2", None);

        Assert.Equal(39, inside.Item1);
        Assert.Equal(38, inside.Item2.Count);
        Assert.Equal(38, await store.Work.CountAsync(WorkStage.Deliver, None));
        Assert.Empty(await ListAsync(entities.QueryAsync("work", null, null, null, None)));
    }

    [Fact]
    public async Task Work_changed_inside_a_transaction_that_fails_is_left_as_it_was()
    {
        await using var entities = await _database.OpenAsync();
        var store = await AlertStore.CreateAsync(entities, None);
        await store.Work.PutAsync(new WorkItem(WorkStage.Deliver, "t/kept", Now), None);
        await store.Work.PutAsync(new WorkItem(WorkStage.Deliver, "t/moved", Now), None);

        var failure = await Assert.ThrowsAsync<InvalidDataException>(() => store.Transactions.RunAsync<long>(async repositories =>
        {
            await repositories.Work.PutAsync(new WorkItem(WorkStage.Deliver, "t/new", Now), None);
            await repositories.Work.TryAddAsync(new WorkItem(WorkStage.Evaluate, "hkex:1", Now), None);
            await repositories.Work.PutAsync(new WorkItem(WorkStage.Deliver, "t/moved", Now.AddHours(1)), None);
            await repositories.Work.RemoveAsync(WorkStage.Deliver, "t/kept", None);
            var seen = await repositories.Work.CountAsync(WorkStage.Deliver, None);
            throw new InvalidDataException($"bad row after seeing {seen}");
        }, None));

        Assert.Equal("bad row after seeing 2", failure.Message);
        Assert.Equal([("t/kept", Now), ("t/moved", Now)], (await ListAsync(store.Work.ListAsync(WorkStage.Deliver, None))).Select(w => (w.Key, w.DueAt)));
        Assert.Equal((2, 0), (await store.Work.CountAsync(WorkStage.Deliver, None), await store.Work.CountAsync(WorkStage.Evaluate, None)));
    }

    [Fact]
    public async Task Concurrent_puts_adds_and_removes_inside_and_outside_transactions_end_consistent()
    {
        await using var entities = await _database.OpenAsync();
        var store = await AlertStore.CreateAsync(entities, None);

        var expected = await Task.WhenAll(Enumerable.Range(0, 16).Select(writer => Task.Run(async () =>
        {
            var random = new Random(writer);
            var own = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal); // what this writer's own keys must end as
            for (var i = 0; i < 40; i++)
            {
                var ownKey = $"t/w{writer}-{random.Next(6)}";
                var sharedKey = $"t/shared-{random.Next(4)}";
                var kind = random.Next(3);
                var due = Now.AddSeconds(random.Next(-30, 30));
                // Half the writers change work inside pipeline transactions, the other half one call at a time.
                if (writer % 2 == 0)
                {
                    await store.Transactions.RunAsync(async repositories =>
                    {
                        await ChangeAsync(repositories.Work, kind, ownKey, due);
                        await ChangeAsync(repositories.Work, kind, sharedKey, due);
                        return 0;
                    }, None);
                }
                else
                {
                    await ChangeAsync(store.Work, kind, ownKey, due);
                    await ChangeAsync(store.Work, kind, sharedKey, due);
                }

                if (kind == 0)
                {
                    own[ownKey] = due;
                }
                else if (kind == 1)
                {
                    own.TryAdd(ownKey, due);
                }
                else
                {
                    own.Remove(ownKey);
                }
            }

            return own;
        })));

        var listed = await ListAsync(store.Work.ListAsync(WorkStage.Deliver, None));
        var due = await ListAsync(store.Work.ListDueAsync(WorkStage.Deliver, Now.AddDays(1), None));
        Assert.Equal(listed.Count, await store.Work.CountAsync(WorkStage.Deliver, None));
        Assert.Equal(listed.Count, listed.Select(w => w.Key).Distinct().Count());
        Assert.Equal(listed.OrderBy(w => w.Key, StringComparer.Ordinal), due.OrderBy(w => w.Key, StringComparer.Ordinal));
        Assert.Equal(
            expected.SelectMany(own => own).Select(pair => (pair.Key, pair.Value)).Order(),
            listed.Where(w => !w.Key.StartsWith("t/shared-", StringComparison.Ordinal)).Select(w => (w.Key, w.DueAt)).Order());
    }

    [Fact]
    public async Task Due_items_come_earliest_first_then_by_key_whatever_offset_their_time_was_given_in()
    {
        await using var entities = await _database.OpenAsync();
        var work = (await AlertStore.CreateAsync(entities, None)).Work;
        var hongKong = TimeSpan.FromHours(8);
        await work.PutAsync(new WorkItem(WorkStage.Deliver, "t/b", Now), None);
        await work.PutAsync(new WorkItem(WorkStage.Deliver, "t/a", Now.ToOffset(hongKong)), None);
        await work.PutAsync(new WorkItem(WorkStage.Deliver, "t/z", Now.AddSeconds(-1).ToOffset(hongKong)), None);
        await work.PutAsync(new WorkItem(WorkStage.Deliver, "t/c", Now.AddTicks(1)), None);

        var due = await ListAsync(work.ListDueAsync(WorkStage.Deliver, Now.ToOffset(hongKong), None));

        Assert.Equal(["t/z", "t/a", "t/b"], due.Select(w => w.Key));
        Assert.Equal(Now.AddSeconds(-1), due[0].DueAt);
        Assert.Equal(["t/a", "t/b", "t/c", "t/z"], (await ListAsync(work.ListAsync(WorkStage.Deliver, None))).Select(w => w.Key));
    }

    [Fact]
    public async Task A_put_at_the_same_due_time_changes_nothing_and_a_new_time_moves_the_item()
    {
        await using var entities = await _database.OpenAsync();
        var work = (await AlertStore.CreateAsync(entities, None)).Work;
        var row = new PendingRow("Deliver", "t/1", Now.UtcTicks, "{\"stage\":\"Deliver\",\"key\":\"t/1\",\"dueAt\":\"2026-11-29T12:00:00+00:00\"}");

        Assert.True(await entities.PutPendingAsync(row, None));
        Assert.False(await entities.PutPendingAsync(row with { Data = "{\"other\":1}" }, None));
        Assert.False(await entities.AddPendingAsync(row with { Due = 1 }, None));
        Assert.Equal(row, Assert.Single(await ListAsync(entities.ListPendingAsync("Deliver", null, None))));

        // Through the repository: the same instant in another offset is the same due time, and the stored item stays as it was.
        await work.PutAsync(new WorkItem(WorkStage.Deliver, "t/1", Now.ToOffset(TimeSpan.FromHours(8))), None);
        Assert.Equal(TimeSpan.Zero, Assert.Single(await ListAsync(work.ListAsync(WorkStage.Deliver, None))).DueAt.Offset);

        await work.PutAsync(new WorkItem(WorkStage.Deliver, "t/1", Now.AddMinutes(5)), None);
        Assert.Empty(await ListAsync(work.ListDueAsync(WorkStage.Deliver, Now.AddMinutes(5).AddTicks(-1), None)));
        Assert.Equal(Now.AddMinutes(5), Assert.Single(await ListAsync(work.ListDueAsync(WorkStage.Deliver, Now.AddMinutes(5), None))).DueAt);
        Assert.True(await entities.RemovePendingAsync("Deliver", "t/1", None));
        Assert.False(await entities.RemovePendingAsync("Deliver", "t/1", None));
    }

    [Fact]
    public async Task Pending_work_written_in_the_entity_layout_is_moved_into_its_table_at_open()
    {
        await using (var entities = await _database.OpenAsync())
        {
            // What earlier versions left: the due-time index of entity rows with counters (written by the repository over a store
            // without a pending-work table), and the one-partition layout before it.
            var old = (await AlertStore.CreateAsync(new CountingStore(entities), None)).Work;
            for (var i = 0; i < 20; i++)
            {
                await old.PutAsync(new WorkItem(WorkStage.Deliver, $"t/d{i:D2}", Now.AddMinutes(i - 10)), None);
            }

            await old.PutAsync(new WorkItem(WorkStage.Evaluate, "sse:a/b", Now.AddMinutes(5)), None);
            await old.RemoveAsync(WorkStage.Deliver, "t/d00", None);
            await entities.UpsertAsync("work", nameof(WorkStage.Poll), EntityKeys.Encode("hkex"), Json(new WorkItem(WorkStage.Poll, "hkex", Now)), None);
            // A key already in the new table was written there later: it keeps its own due time.
            var later = new WorkItem(WorkStage.Deliver, "t/d01", Now.AddHours(2));
            await entities.AddPendingAsync(new PendingRow("Deliver", later.Key, later.DueAt.UtcTicks, Json(later)), None);
            Assert.NotEmpty(await ListAsync(entities.QueryAsync("work", null, null, null, None)));
        }

        await using var reopened = await _database.OpenAsync();
        var work = (await AlertStore.CreateAsync(reopened, None)).Work;

        Assert.Equal((19L, 1L, 1L), (await work.CountAsync(WorkStage.Deliver, None), await work.CountAsync(WorkStage.Evaluate, None), await work.CountAsync(WorkStage.Poll, None)));
        Assert.Equal(Enumerable.Range(2, 9).Select(i => $"t/d{i:D2}"), (await ListAsync(work.ListDueAsync(WorkStage.Deliver, Now, None))).Select(w => w.Key));
        Assert.Equal(Now.AddHours(2), Assert.Single(await ListAsync(work.ListAsync(WorkStage.Deliver, None)), w => w.Key == "t/d01").DueAt);
        Assert.Equal("hkex", Assert.Single(await ListAsync(work.ListDueAsync(WorkStage.Poll, Now, None))).Key);
        Assert.Empty(await ListAsync(reopened.QueryAsync("work", null, null, null, None)));

        await work.RemoveAsync(WorkStage.Evaluate, "sse:a/b", None);
        var again = (await AlertStore.CreateAsync(reopened, None)).Work;
        Assert.Equal((19L, 0L), (await again.CountAsync(WorkStage.Deliver, None), await again.CountAsync(WorkStage.Evaluate, None)));
    }

    public void Dispose() => _database.Dispose();

    private static Task ChangeAsync(IWorkRepository work, int kind, string key, DateTimeOffset due) => kind switch
    {
        0 => work.PutAsync(new WorkItem(WorkStage.Deliver, key, due), None),
        1 => work.TryAddAsync(new WorkItem(WorkStage.Deliver, key, due), None),
        _ => work.RemoveAsync(WorkStage.Deliver, key, None),
    };

    private static string Json(WorkItem item) => JsonSerializer.Serialize(item, AlertsJsonContext.Default.WorkItem);
}
