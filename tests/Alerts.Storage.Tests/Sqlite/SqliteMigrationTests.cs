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

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
