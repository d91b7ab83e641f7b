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
            Assert.Equal(AlertIdLayout.TimeOrdered, (await AlertStore.CreateAsync(created, None)).AlertIds);
            await created.UpsertAsync("alerts", "t1", "al_1", "{}", None);
        }

        Assert.Equal(AlertIdLayout.TimeOrdered, await ReopenedLayoutAsync());
    }

    [Fact]
    public async Task A_store_that_held_alerts_keeps_hashed_ids_up_to_its_latest_event_and_keeps_that_time_when_reopened()
    {
        var latest = new DateTimeOffset(2030, 1, 1, 8, 0, 0, 250, TimeSpan.FromHours(8));
        WriteThirdVersion(
            ("alerts", "al_1", "{}"),
            ("events", "hkex:1", """{"occurredAt":"2026-01-08T01:30:00+00:00"}"""),
            ("events", "hkex:2", $$"""{"occurredAt":"{{latest:O}}"}"""));

        await using (var upgraded = await SqliteEntityStore.OpenAsync(DatabasePath, None))
        {
            Assert.Equal(latest.AddMilliseconds(1), upgraded.AlertIds.TimeOrderedAfter);
        }

        Assert.Equal(latest.AddMilliseconds(1), (await ReopenedLayoutAsync()).TimeOrderedAfter);
    }

    [Fact]
    public async Task A_store_that_held_alerts_of_past_events_only_keeps_hashed_ids_up_to_when_it_was_upgraded()
    {
        WriteThirdVersion(("alerts", "al_1", "{}"), ("events", "hkex:1", """{"occurredAt":"2026-01-08T01:30:00+00:00"}"""));
        var before = TimeProvider.System.GetUtcNow();

        await using var upgraded = await SqliteEntityStore.OpenAsync(DatabasePath, None);

        // SQLite's clock reads whole milliseconds, one of which the layout adds.
        Assert.InRange(upgraded.AlertIds.TimeOrderedAfter!.Value, before.AddMilliseconds(-1), TimeProvider.System.GetUtcNow().AddMilliseconds(2));
        Assert.False(upgraded.AlertIds.IsTimeOrdered(new DateTimeOffset(2026, 1, 8, 1, 30, 0, TimeSpan.Zero)));
        Assert.True(upgraded.AlertIds.IsTimeOrdered(TimeProvider.System.GetUtcNow().AddSeconds(1)));
    }

    [Fact]
    public async Task A_store_from_an_earlier_version_without_alerts_makes_time_ordered_ids()
    {
        WriteThirdVersion(("rules", "r1", "{}"), ("events", "hkex:1", """{"occurredAt":"2026-01-08T01:30:00+00:00"}"""));

        await using var upgraded = await SqliteEntityStore.OpenAsync(DatabasePath, None);

        Assert.Equal(AlertIdLayout.TimeOrdered, upgraded.AlertIds);
    }

    [Fact]
    public async Task A_layout_this_version_does_not_know_stops_the_store_from_opening()
    {
        await (await SqliteEntityStore.OpenAsync(DatabasePath, None)).DisposeAsync();
        SqliteConnection.ClearAllPools();
        Execute("UPDATE store_settings SET value = 'sharded' WHERE name = 'alert_ids_time_ordered_after';");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => SqliteEntityStore.OpenAsync(DatabasePath, None));
        Assert.Contains("'sharded'", refused.Message, StringComparison.Ordinal);
    }

    private async Task<AlertIdLayout> ReopenedLayoutAsync()
    {
        SqliteConnection.ClearAllPools();
        await using var reopened = await SqliteEntityStore.OpenAsync(DatabasePath, None);
        return (await AlertStore.CreateAsync(reopened, None)).AlertIds;
    }

    /// <summary>The schema three migrations in (before the id layout was chosen) holding <paramref name="rows"/>.</summary>
    private void WriteThirdVersion(params (string Table, string Row, string Data)[] rows)
    {
        Execute("""
            PRAGMA journal_mode = WAL;
            CREATE TABLE entities (id INTEGER PRIMARY KEY, tbl TEXT NOT NULL, pk TEXT NOT NULL, rk TEXT NOT NULL, data TEXT NOT NULL, etag TEXT NOT NULL);
            CREATE UNIQUE INDEX entities_key ON entities (tbl, pk, rk);
            CREATE TABLE work (stage TEXT NOT NULL, key TEXT NOT NULL, due INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (stage, key)) WITHOUT ROWID;
            CREATE INDEX work_due ON work (stage, due, key);
            PRAGMA user_version = 3;
            """);
        foreach (var (table, row, data) in rows)
        {
            Execute("INSERT INTO entities (tbl, pk, rk, data, etag) VALUES ($t, 't1', $r, $d, 'W/\"old\"')", ("$t", table), ("$r", row), ("$d", data));
        }
    }

    private void Execute(string sql, params (string Name, string Value)[] parameters)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
