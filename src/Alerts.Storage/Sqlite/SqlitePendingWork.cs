using Alerts.Storage.Primitive;
using Microsoft.Data.Sqlite;

namespace Alerts.Storage.Sqlite;

/// <summary>
/// The statements of the <c>work</c> table (<see cref="IPendingWorkStore"/>) on one connection, each prepared on first use and
/// reused after: on the writer connection (every change is one statement inside the writer's transaction), or on a read connection.
/// </summary>
internal sealed class SqlitePendingWork(SqliteConnection connection) : IDisposable
{
    private const string Columns = "SELECT key, due, data FROM work WHERE stage = $s";

    private Statement? _put;
    private Statement? _add;
    private Statement? _remove;
    private Statement? _exists;
    private Statement? _count;

    // Same due time: the WHERE turns the update into no change at all, so the call reports nothing changed, as the entity layout does.
    public bool Put(SqliteTransaction? transaction, PendingRow row) => Write(transaction, ref _put,
        "INSERT INTO work (stage, key, due, data) VALUES ($s, $k, $due, $d)"
        + " ON CONFLICT (stage, key) DO UPDATE SET due = excluded.due, data = excluded.data WHERE due <> excluded.due", row.Stage, row.Key, row.Due, row.Data) == 1;

    public bool Add(SqliteTransaction? transaction, PendingRow row) =>
        Write(transaction, ref _add, "INSERT INTO work (stage, key, due, data) VALUES ($s, $k, $due, $d) ON CONFLICT DO NOTHING", row.Stage, row.Key, row.Due, row.Data) == 1;

    public bool Remove(SqliteTransaction? transaction, string stage, string key) =>
        Write(transaction, ref _remove, "DELETE FROM work WHERE stage = $s AND key = $k", stage, key) == 1;

    public bool IsPending(SqliteTransaction? transaction, string stage, string key)
    {
        var statement = Bind(transaction, ref _exists, "SELECT 1 FROM work WHERE stage = $s AND key = $k", stage, key);
        using var reader = statement.Command.ExecuteReader();
        return reader.Read();
    }

    public long Count(SqliteTransaction? transaction, string stage)
    {
        var statement = Bind(transaction, ref _count, "SELECT COUNT(*) FROM work WHERE stage = $s", stage);
        return Convert.ToInt64(statement.Command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A listing (rarely run, so not kept prepared); the caller reads it with <see cref="Read"/> and disposes it.</summary>
    public SqliteCommand List(SqliteTransaction? transaction, string stage, long? dueBy)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = dueBy is null ? Columns + " ORDER BY key" : Columns + " AND due <= $by ORDER BY due, key";
        command.Parameters.AddWithValue("$s", stage);
        if (dueBy is { } by)
        {
            command.Parameters.AddWithValue("$by", by);
        }

        return command;
    }

    public static PendingRow Read(string stage, SqliteDataReader reader) => new(stage, reader.GetString(0), reader.GetInt64(1), reader.GetString(2));

    public void Dispose()
    {
        foreach (var statement in new[] { _put, _add, _remove, _exists, _count })
        {
            statement?.Command.Dispose();
        }
    }

    private int Write(SqliteTransaction? transaction, ref Statement? statement, string sql, string stage, string key, long due = 0, string data = "") =>
        Bind(transaction, ref statement, sql, stage, key, due, data).Command.ExecuteNonQuery();

    /// <summary>Binds every parameter (those the statement does not name are ignored) so none keeps a previous call's value.</summary>
    private Statement Bind(SqliteTransaction? transaction, ref Statement? statement, string sql, string stage, string key = "", long due = 0, string data = "")
    {
        statement ??= Create(sql);
        statement.Command.Transaction = transaction;
        statement.Stage.Value = stage;
        statement.Key.Value = key;
        statement.Due.Value = due;
        statement.Data.Value = data;
        return statement;
    }

    private Statement Create(string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        // Every statement gets the same parameter set; SQLite ignores the ones its text does not name.
        return new Statement(
            command,
            command.Parameters.Add(new SqliteParameter("$s", SqliteType.Text)),
            command.Parameters.Add(new SqliteParameter("$k", SqliteType.Text)),
            command.Parameters.Add(new SqliteParameter("$due", SqliteType.Integer)),
            command.Parameters.Add(new SqliteParameter("$d", SqliteType.Text)));
    }

    private sealed record Statement(SqliteCommand Command, SqliteParameter Stage, SqliteParameter Key, SqliteParameter Due, SqliteParameter Data);
}
