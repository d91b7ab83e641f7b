using Alerts.Core;
using Microsoft.Data.Sqlite;

namespace Alerts.Storage.Sqlite;

/// <summary>Ordered schema steps applied at start-up; <c>PRAGMA user_version</c> records how far a database has come.</summary>
internal static class SqliteMigrations
{
    private static readonly string[] Steps =
    [
        // 1: the single entity table. BINARY collation orders row keys by code point, as Table Storage does.
        """
        CREATE TABLE IF NOT EXISTS entities (
            tbl  TEXT NOT NULL,
            pk   TEXT NOT NULL,
            rk   TEXT NOT NULL,
            data TEXT NOT NULL,
            etag TEXT NOT NULL,
            PRIMARY KEY (tbl, pk, rk)
        ) WITHOUT ROWID;
        """,

        // 2: rows in insertion order (a rowid table) with the key in a unique index. Rows written together stay together, so a
        // batch's later updates touch a few shared pages, and a new row dirties a small index entry instead of a page of its own
        // in a tree of whole rows scattered by their hashed ids.
        """
        CREATE TABLE entities_by_rowid (
            id   INTEGER PRIMARY KEY,
            tbl  TEXT NOT NULL,
            pk   TEXT NOT NULL,
            rk   TEXT NOT NULL,
            data TEXT NOT NULL,
            etag TEXT NOT NULL
        );
        INSERT INTO entities_by_rowid (tbl, pk, rk, data, etag) SELECT tbl, pk, rk, data, etag FROM entities;
        DROP TABLE entities;
        ALTER TABLE entities_by_rowid RENAME TO entities;
        CREATE UNIQUE INDEX entities_key ON entities (tbl, pk, rk);
        """,

        // 3: pending work in a table of its own (IPendingWorkStore), indexed in place by due time, so a change is one statement.
        // Work rows of the entity layout are moved into it each time the store is opened (WorkRepository.UpgradeLegacyRowsAsync).
        """
        CREATE TABLE work (
            stage TEXT NOT NULL,
            key   TEXT NOT NULL,
            due   INTEGER NOT NULL,
            data  TEXT NOT NULL,
            PRIMARY KEY (stage, key)
        ) WITHOUT ROWID;
        CREATE INDEX work_due ON work (stage, due, key);
        """,

        // 4: how alert and delivery ids are made (AlertIdLayout), chosen once: time-ordered in a store that holds no alert yet;
        // in one that does, time-ordered only for events after the later of now and its latest event, so an event it may have
        // evaluated already gets the hashed id it got then (or it would alert twice); "now" covers events retention has purged
        // since. Unix milliseconds, one past that time (julianday is exact to well under half a millisecond, so it is rounded).
        """
        CREATE TABLE store_settings (
            name  TEXT NOT NULL PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO store_settings (name, value)
        SELECT 'alert_ids_time_ordered_after', CASE
            WHEN NOT EXISTS (SELECT 1 FROM entities WHERE tbl = 'alerts') THEN 'always'
            ELSE CAST(CAST(ROUND((MAX(julianday('now'), IFNULL(
                (SELECT MAX(julianday(json_extract(data, '$.occurredAt'))) FROM entities WHERE tbl = 'events'), 0)) - 2440587.5) * 86400000) AS INTEGER) + 1 AS TEXT)
        END;
        """,
    ];

    /// <summary>How this store makes alert and delivery ids (step 4 chose it).</summary>
    public static async Task<AlertIdLayout> ReadAlertIdsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM store_settings WHERE name = 'alert_ids_time_ordered_after';";
        var value = await command.ExecuteScalarAsync(cancellationToken) as string;
        if (value == "always")
        {
            return AlertIdLayout.TimeOrdered;
        }

        return long.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var after)
            ? new AlertIdLayout(DateTimeOffset.FromUnixTimeMilliseconds(after))
            : throw new InvalidOperationException($"The store's alert id layout '{value}' is not one this version knows.");
    }

    public static async Task ApplyAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }

        var version = await ReadVersionAsync(connection, cancellationToken);
        for (var step = version; step < Steps.Length; step++)
        {
            await using var transaction = connection.BeginTransaction();
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Steps[step] + $"\nPRAGMA user_version = {step + 1};";
            await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private static async Task<int> ReadVersionAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        var result = await command.ExecuteScalarAsync(cancellationToken);
        return Convert.ToInt32(result, System.Globalization.CultureInfo.InvariantCulture);
    }
}
