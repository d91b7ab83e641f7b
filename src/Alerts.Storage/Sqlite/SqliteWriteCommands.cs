using Alerts.Storage.Primitive;
using Microsoft.Data.Sqlite;

namespace Alerts.Storage.Sqlite;

/// <summary>The writer connection's prepared statements, one per kind of operation, reused by every batch.</summary>
internal sealed class SqliteWriteCommands : IDisposable
{
    private readonly Statement _insert;
    private readonly Statement _upsert;
    private readonly Statement _replace;
    private readonly Statement _delete;
    private readonly Statement _deleteIfMatch;
    private readonly Statement _get;
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, (SqliteCommand Save, SqliteCommand Release, SqliteCommand Rollback)> _savepoints = new(StringComparer.Ordinal);
    private SqlitePendingWork? _pending;

    public SqliteWriteCommands(SqliteConnection connection)
    {
        _connection = connection;
        _insert = Create(connection, "INSERT INTO entities (tbl, pk, rk, data, etag) VALUES ($t, $p, $r, $d, $n) ON CONFLICT DO NOTHING");
        _upsert = Create(connection,
            "INSERT INTO entities (tbl, pk, rk, data, etag) VALUES ($t, $p, $r, $d, $n) ON CONFLICT (tbl, pk, rk) DO UPDATE SET data = excluded.data, etag = excluded.etag");
        _replace = Create(connection, "UPDATE entities SET data = $d, etag = $n WHERE tbl = $t AND pk = $p AND rk = $r AND etag = $e");
        _delete = Create(connection, "DELETE FROM entities WHERE tbl = $t AND pk = $p AND rk = $r");
        _deleteIfMatch = Create(connection, "DELETE FROM entities WHERE tbl = $t AND pk = $p AND rk = $r AND etag = $e");
        _get = Create(connection, "SELECT pk, rk, data, etag FROM entities WHERE tbl = $t AND pk = $p AND rk = $r");
    }

    /// <summary>The <c>work</c> table's statements on the writer connection.</summary>
    public SqlitePendingWork Pending => _pending ??= new SqlitePendingWork(_connection);

    /// <summary>Opens a savepoint with a statement prepared once (a batch opens several per transaction).</summary>
    public void Save(SqliteTransaction transaction, string name) => Run(transaction, Savepoint(name).Save);

    /// <summary>Keeps what was written since the savepoint.</summary>
    public void Release(SqliteTransaction transaction, string name) => Run(transaction, Savepoint(name).Release);

    /// <summary>Undoes what was written since the savepoint, and closes it.</summary>
    public void RollBack(SqliteTransaction transaction, string name)
    {
        Run(transaction, Savepoint(name).Rollback);
        Run(transaction, Savepoint(name).Release);
    }

    /// <summary>A point read inside the writer's transaction: it sees the transaction's own writes.</summary>
    public StoredEntity? Get(SqliteTransaction transaction, string table, string partitionKey, string rowKey)
    {
        _get.Command.Transaction = transaction;
        _get.Table.Value = table;
        _get.Partition.Value = partitionKey;
        _get.Row.Value = rowKey;
        using var reader = _get.Command.ExecuteReader();
        return reader.Read() ? SqliteQuery.Read(reader) : null;
    }

    /// <summary>A range query inside the writer's transaction, read to the end before it returns.</summary>
    public List<StoredEntity> Query(SqliteTransaction transaction, string table, string? partitionKey, string? rowKeyFrom, string? rowKeyTo)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        SqliteQuery.Prepare(command, table, partitionKey, rowKeyFrom, rowKeyTo);
        using var reader = command.ExecuteReader();
        var rows = new List<StoredEntity>();
        while (reader.Read())
        {
            rows.Add(SqliteQuery.Read(reader));
        }

        return rows;
    }

    public WriteOutcome Execute(SqliteTransaction transaction, string table, BatchOperation operation)
    {
        var command = operation.Kind switch
        {
            BatchOperationKind.Insert => _insert,
            BatchOperationKind.Upsert => _upsert,
            BatchOperationKind.Replace => _replace,
            BatchOperationKind.Delete => operation.ETag is null ? _delete : _deleteIfMatch,
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation.Kind, "Unknown batch operation."),
        };
        var etag = operation.Kind == BatchOperationKind.Delete ? null : NewETag();
        command.Command.Transaction = transaction;
        command.Table.Value = table;
        command.Partition.Value = operation.PartitionKey;
        command.Row.Value = operation.RowKey;
        command.Data.Value = (object?)operation.Data ?? DBNull.Value;
        command.NewETag.Value = (object?)etag ?? DBNull.Value;
        command.ETag.Value = (object?)operation.ETag ?? DBNull.Value;
        var applied = command.Command.ExecuteNonQuery() == 1;
        return new WriteOutcome(applied, applied ? etag : null);
    }

    public void Dispose()
    {
        _pending?.Dispose();
        foreach (var command in new[] { _insert, _upsert, _replace, _delete, _deleteIfMatch, _get }.Select(s => s.Command)
            .Concat(_savepoints.Values.SelectMany(s => new[] { s.Save, s.Release, s.Rollback })))
        {
            command.Dispose();
        }
    }

    private (SqliteCommand Save, SqliteCommand Release, SqliteCommand Rollback) Savepoint(string name)
    {
        if (!_savepoints.TryGetValue(name, out var commands))
        {
            commands = (Plain("SAVEPOINT " + name), Plain("RELEASE " + name), Plain("ROLLBACK TO " + name));
            _savepoints[name] = commands;
        }

        return commands;
    }

    private SqliteCommand Plain(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private static void Run(SqliteTransaction transaction, SqliteCommand command)
    {
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private static Statement Create(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        // Every statement gets the same parameter set; SQLite ignores the ones its text does not name.
        SqliteParameter Add(string name) => command.Parameters.Add(new SqliteParameter(name, SqliteType.Text));
        return new Statement(command, Add("$t"), Add("$p"), Add("$r"), Add("$d"), Add("$n"), Add("$e"));
    }

    /// <summary>A prepared statement with its parameters at hand (looking them up by name costs more than the lookup it binds).</summary>
    private sealed record Statement(
        SqliteCommand Command, SqliteParameter Table, SqliteParameter Partition, SqliteParameter Row, SqliteParameter Data, SqliteParameter NewETag, SqliteParameter ETag);

    // A random prefix per process and a counter: unique across processes sharing the file, and no system call per write.
    private static readonly string ETagPrefix = "W/\"" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
    private static long _etags;

    internal static string NewETag() => ETagPrefix + Interlocked.Increment(ref _etags).ToString("x", System.Globalization.CultureInfo.InvariantCulture) + "\"";
}
