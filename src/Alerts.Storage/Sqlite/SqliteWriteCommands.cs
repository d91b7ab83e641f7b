using Alerts.Storage.Primitive;
using Microsoft.Data.Sqlite;

namespace Alerts.Storage.Sqlite;

/// <summary>The writer connection's prepared statements, one per kind of operation, reused by every batch.</summary>
internal sealed class SqliteWriteCommands : IDisposable
{
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _upsert;
    private readonly SqliteCommand _replace;
    private readonly SqliteCommand _delete;
    private readonly SqliteCommand _deleteIfMatch;

    public SqliteWriteCommands(SqliteConnection connection)
    {
        _insert = Create(connection, "INSERT INTO entities (tbl, pk, rk, data, etag) VALUES ($t, $p, $r, $d, $n) ON CONFLICT DO NOTHING");
        _upsert = Create(connection,
            "INSERT INTO entities (tbl, pk, rk, data, etag) VALUES ($t, $p, $r, $d, $n) ON CONFLICT (tbl, pk, rk) DO UPDATE SET data = excluded.data, etag = excluded.etag");
        _replace = Create(connection, "UPDATE entities SET data = $d, etag = $n WHERE tbl = $t AND pk = $p AND rk = $r AND etag = $e");
        _delete = Create(connection, "DELETE FROM entities WHERE tbl = $t AND pk = $p AND rk = $r");
        _deleteIfMatch = Create(connection, "DELETE FROM entities WHERE tbl = $t AND pk = $p AND rk = $r AND etag = $e");
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
        command.Transaction = transaction;
        command.Parameters["$t"].Value = table;
        command.Parameters["$p"].Value = operation.PartitionKey;
        command.Parameters["$r"].Value = operation.RowKey;
        command.Parameters["$d"].Value = (object?)operation.Data ?? DBNull.Value;
        command.Parameters["$n"].Value = (object?)etag ?? DBNull.Value;
        command.Parameters["$e"].Value = (object?)operation.ETag ?? DBNull.Value;
        var applied = command.ExecuteNonQuery() == 1;
        return new WriteOutcome(applied, applied ? etag : null);
    }

    public void Dispose()
    {
        foreach (var command in new[] { _insert, _upsert, _replace, _delete, _deleteIfMatch })
        {
            command.Dispose();
        }
    }

    private static SqliteCommand Create(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        // Every statement gets the same parameter set; SQLite ignores the ones its text does not name.
        foreach (var name in new[] { "$t", "$p", "$r", "$d", "$n", "$e" })
        {
            command.Parameters.Add(new SqliteParameter(name, SqliteType.Text));
        }

        return command;
    }

    internal static string NewETag() => "W/\"" + Guid.NewGuid().ToString("N") + "\"";
}
