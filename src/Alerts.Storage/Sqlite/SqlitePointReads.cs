using System.Collections.Concurrent;
using Alerts.Storage.Primitive;
using Microsoft.Data.Sqlite;

namespace Alerts.Storage.Sqlite;

/// <summary>
/// Point reads (get one row) on reader connections kept open with the statement already prepared: the most frequent read
/// of every stage costs one index lookup, not a connection open and a statement compile. Each read takes a session of its
/// own, so reads run in parallel with each other and with the writer (WAL).
/// </summary>
internal sealed class SqlitePointReads(string connectionString) : IDisposable
{
    private readonly ConcurrentBag<Session> _idle = [];
    private bool _disposed;

    public StoredEntity? Get(string table, string partitionKey, string rowKey)
    {
        var session = _idle.TryTake(out var idle) ? idle : new Session(connectionString);
        var healthy = false;
        try
        {
            var result = session.Get(table, partitionKey, rowKey);
            healthy = true;
            return result;
        }
        finally
        {
            if (healthy && !Volatile.Read(ref _disposed))
            {
                _idle.Add(session);
            }
            else
            {
                session.Dispose();
            }
        }
    }

    public void Dispose()
    {
        Volatile.Write(ref _disposed, true);
        while (_idle.TryTake(out var session))
        {
            session.Dispose();
        }
    }

    private sealed class Session : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _command;
        private readonly SqliteParameter[] _parameters;

        public Session(string connectionString)
        {
            _connection = new SqliteConnection(connectionString);
            _connection.Open();
            _command = _connection.CreateCommand();
            _command.CommandText = "SELECT pk, rk, data, etag FROM entities WHERE tbl = $t AND pk = $p AND rk = $r";
            _parameters = [.. new[] { "$t", "$p", "$r" }.Select(name => _command.Parameters.Add(new SqliteParameter(name, SqliteType.Text)))];
        }

        public StoredEntity? Get(string table, string partitionKey, string rowKey)
        {
            _parameters[0].Value = table;
            _parameters[1].Value = partitionKey;
            _parameters[2].Value = rowKey;
            // Disposing the reader resets the statement, ending its read snapshot: the next read sees the latest commit.
            using var reader = _command.ExecuteReader();
            return reader.Read() ? new StoredEntity(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)) : null;
        }

        public void Dispose()
        {
            _command.Dispose();
            _connection.Dispose();
        }
    }
}
