using Alerts.Core;
using Alerts.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Alerts.Storage.Tests.Sqlite;

/// <summary>
/// A store chooses how its alert and delivery ids are made once, when it is created or upgraded, and keeps that choice: an
/// event evaluated again must get the id it got before.
/// </summary>
public sealed class SqliteAlertIdLayoutTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("alerts-sqlite-ids-").FullName;

    private static CancellationToken None => CancellationToken.None;

    private string DatabasePath => Path.Combine(_directory, "alerts.db");

    [Fact]
    public async Task A_new_store_makes_time_ordered_ids_and_still_does_once_it_holds_alerts()
    {
        await using (var created = await SqliteEntityStore.OpenAsync(DatabasePath, None))
        {
            Assert.Equal(AlertIdOrder.TimeOrdered, (await AlertStore.CreateAsync(created, None)).AlertIds);
            await created.UpsertAsync("alerts", "t1", "al_1", "{}", None);
        }

        SqliteConnection.ClearAllPools();
        await using var reopened = await SqliteEntityStore.OpenAsync(DatabasePath, None);

        Assert.Equal(AlertIdOrder.TimeOrdered, (await AlertStore.CreateAsync(reopened, None)).AlertIds);
    }

    [Theory]
    [InlineData("alerts", AlertIdOrder.Hashed)]
    [InlineData("rules", AlertIdOrder.TimeOrdered)]
    public async Task A_store_from_an_earlier_version_keeps_hashed_ids_once_it_holds_an_alert(string heldTable, AlertIdOrder expected)
    {
        WriteThirdVersion(heldTable);

        await using (var upgraded = await SqliteEntityStore.OpenAsync(DatabasePath, None))
        {
            Assert.Equal(expected, upgraded.AlertIds);
            await upgraded.DeleteAsync(heldTable, "t1", "a", null, None);
        }

        SqliteConnection.ClearAllPools();
        await using var reopened = await SqliteEntityStore.OpenAsync(DatabasePath, None);

        Assert.Equal(expected, reopened.AlertIds);
    }

    [Fact]
    public async Task A_layout_this_version_does_not_know_stops_the_store_from_opening()
    {
        await (await SqliteEntityStore.OpenAsync(DatabasePath, None)).DisposeAsync();
        SqliteConnection.ClearAllPools();
        Execute("UPDATE store_settings SET value = 'sharded' WHERE name = 'alert_ids';");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => SqliteEntityStore.OpenAsync(DatabasePath, None));
        Assert.Contains("'sharded'", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>The schema three migrations in (before the id layout was chosen) with one row in <paramref name="table"/>.</summary>
    private void WriteThirdVersion(string table) => Execute($"""
        PRAGMA journal_mode = WAL;
        CREATE TABLE entities (id INTEGER PRIMARY KEY, tbl TEXT NOT NULL, pk TEXT NOT NULL, rk TEXT NOT NULL, data TEXT NOT NULL, etag TEXT NOT NULL);
        CREATE UNIQUE INDEX entities_key ON entities (tbl, pk, rk);
        CREATE TABLE work (stage TEXT NOT NULL, key TEXT NOT NULL, due INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (stage, key)) WITHOUT ROWID;
        CREATE INDEX work_due ON work (stage, due, key);
        INSERT INTO entities (tbl, pk, rk, data, etag) VALUES ('{table}', 't1', 'a', '{"{}"}', 'W/"old"');
        PRAGMA user_version = 3;
        """);

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
