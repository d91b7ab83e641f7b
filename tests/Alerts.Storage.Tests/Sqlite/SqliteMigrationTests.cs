using System.Text.Json;
using Alerts.Core.Ports;
using Alerts.Core.Serialization;
using Alerts.Storage.Primitive;
using Alerts.Storage.Repositories;
using Alerts.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Alerts.Storage.Tests.Sqlite;

/// <summary>A database written by an earlier version opens on this one with every row, ETag and key order kept.</summary>
public sealed class SqliteMigrationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("alerts-sqlite-migrate-").FullName;

    private static CancellationToken None => CancellationToken.None;

    private string DatabasePath => Path.Combine(_directory, "alerts.db");

    /// <summary>The schema of the first version: one table clustered by its key, user_version 1.</summary>
    private void WriteFirstVersion(params (string Table, string Partition, string Row, string Data, string ETag)[] rows)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var schema = connection.CreateCommand();
        schema.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE entities (tbl TEXT NOT NULL, pk TEXT NOT NULL, rk TEXT NOT NULL, data TEXT NOT NULL, etag TEXT NOT NULL,
                PRIMARY KEY (tbl, pk, rk)) WITHOUT ROWID;
            PRAGMA user_version = 1;
            """;
        schema.ExecuteNonQuery();
        foreach (var (table, partition, row, data, etag) in rows)
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO entities VALUES ($t, $p, $r, $d, $e)";
            insert.Parameters.AddWithValue("$t", table);
            insert.Parameters.AddWithValue("$p", partition);
            insert.Parameters.AddWithValue("$r", row);
            insert.Parameters.AddWithValue("$d", data);
            insert.Parameters.AddWithValue("$e", etag);
            insert.ExecuteNonQuery();
        }
    }

    [Fact]
    public async Task Rows_of_the_first_version_are_read_in_key_order_with_their_etags_after_the_upgrade()
    {
        WriteFirstVersion(("alerts", "t1", "b", "{\"n\":2}", "W/\"old-2\""), ("alerts", "t1", "a", "{\"n\":1}", "W/\"old-1\""), ("rules", "t1", "r1", "{}", "W/\"old-3\""));

        await using var store = await SqliteEntityStore.OpenAsync(DatabasePath, None);

        var row = await store.GetAsync("alerts", "t1", "a", None);
        Assert.Equal(("{\"n\":1}", "W/\"old-1\""), (row!.Data, row.ETag));
        var partition = new List<string>();
        await foreach (var stored in store.QueryAsync("alerts", "t1", null, null, None))
        {
            partition.Add(stored.RowKey);
        }

        Assert.Equal(["a", "b"], partition);
        Assert.NotNull(await store.GetAsync("rules", "t1", "r1", None));
    }

    [Fact]
    public async Task Conditional_writes_on_upgraded_rows_still_hold_and_no_key_is_stored_twice()
    {
        WriteFirstVersion(("deliveries", "t1", "d1", "{\"v\":1}", "W/\"old\""));
        await using var store = await SqliteEntityStore.OpenAsync(DatabasePath, None);

        Assert.Null(await store.InsertIfAbsentAsync("deliveries", "t1", "d1", "{\"v\":9}", None));
        Assert.Null(await store.ReplaceIfMatchAsync("deliveries", "t1", "d1", "{\"v\":9}", "W/\"stale\"", None));
        var replaced = await store.ReplaceIfMatchAsync("deliveries", "t1", "d1", "{\"v\":2}", "W/\"old\"", None);
        await store.UpsertAsync("deliveries", "t1", "d1", "{\"v\":3}", None);
        await store.UpsertAsync("deliveries", "t1", "d2", "{\"v\":1}", None);

        Assert.NotNull(replaced);
        Assert.Equal("{\"v\":3}", (await store.GetAsync("deliveries", "t1", "d1", None))!.Data);
        var keys = new List<string>();
        await foreach (var stored in store.QueryAsync("deliveries", "t1", null, null, None))
        {
            keys.Add(stored.RowKey);
        }

        Assert.Equal(["d1", "d2"], keys);
    }

    [Fact]
    public async Task Opening_an_upgraded_database_again_changes_nothing()
    {
        WriteFirstVersion(("alerts", "t1", "a", "{}", "W/\"old\""));
        await using (var first = await SqliteEntityStore.OpenAsync(DatabasePath, None))
        {
            await first.UpsertAsync("alerts", "t1", "b", "{}", None);
        }

        SqliteConnection.ClearAllPools();
        await using var again = await SqliteEntityStore.OpenAsync(DatabasePath, None);

        Assert.NotNull(await again.GetAsync("alerts", "t1", "a", None));
        Assert.NotNull(await again.GetAsync("alerts", "t1", "b", None));
    }

    [Fact]
    public async Task Pending_work_of_the_first_version_is_listed_due_counted_and_removable_after_the_upgrade()
    {
        var now = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
        WorkItem[] items =
        [
            new(WorkStage.Deliver, "t1/dl_1", now.AddMinutes(-1)),
            new(WorkStage.Deliver, "t1/dl_2", now.AddMinutes(1)),
            new(WorkStage.Evaluate, "sse:a/b", now.AddMinutes(-2)),
        ];
        // The due-time index of that version: a pointer and a due-ordered row per item, a counter row per partition shard; and a
        // row of the one-partition layout before it.
        var rows = items.SelectMany(item => new[]
            {
                ("work", WorkRows.Partition(item.Stage, item.Key), WorkRows.Pointer(item.Key), Json(item), "W/\"p\""),
                ("work", WorkRows.Partition(item.Stage, item.Key), WorkRows.Due(item.DueAt, item.Key), Json(item), "W/\"d\""),
            })
            .Concat(items.GroupBy(item => (WorkRows.Partition(item.Stage, item.Key), WorkRows.Counter(item.Key)))
                .Select(shard => ("work", shard.Key.Item1, shard.Key.Item2, WorkRows.FormatCount(shard.Count()), "W/\"n\"")))
            .Append(("work", nameof(WorkStage.Poll), EntityKeys.Encode("hkex"), Json(new WorkItem(WorkStage.Poll, "hkex", now)), "W/\"l\""));
        WriteFirstVersion([.. rows]);

        await using var store = await SqliteEntityStore.OpenAsync(DatabasePath, None);
        var work = (await AlertStore.CreateAsync(store, None)).Work;

        Assert.Equal(["t1/dl_1"], await KeysAsync(work.ListDueAsync(WorkStage.Deliver, now, None)));
        Assert.Equal(["t1/dl_1", "t1/dl_2"], await KeysAsync(work.ListAsync(WorkStage.Deliver, None)));
        Assert.Equal(["hkex"], await KeysAsync(work.ListDueAsync(WorkStage.Poll, now, None)));
        Assert.Equal((2L, 1L), (await work.CountAsync(WorkStage.Deliver, None), await work.CountAsync(WorkStage.Evaluate, None)));
        await work.RemoveAsync(WorkStage.Evaluate, "sse:a/b", None);
        Assert.Equal(0, await work.CountAsync(WorkStage.Evaluate, None));
        await foreach (var left in store.QueryAsync("work", null, null, null, None))
        {
            Assert.Fail($"Entity row {left.PartitionKey}/{left.RowKey} was left behind.");
        }
    }

    private static string Json(WorkItem item) => JsonSerializer.Serialize(item, AlertsJsonContext.Default.WorkItem);

    private static async Task<List<string>> KeysAsync(IAsyncEnumerable<WorkItem> items)
    {
        var keys = new List<string>();
        await foreach (var item in items)
        {
            keys.Add(item.Key);
        }

        return keys;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
