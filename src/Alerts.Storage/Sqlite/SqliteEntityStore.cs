using System.Runtime.CompilerServices;
using Alerts.Storage.Primitive;
using Microsoft.Data.Sqlite;

namespace Alerts.Storage.Sqlite;

/// <summary>
/// The embedded backend: one <c>entities</c> table keyed by (table, partition key, row key) with an ETag column,
/// in WAL mode so the queue pumps and the web app can read while one writes.
/// </summary>
public sealed class SqliteEntityStore : IEntityStore
{
    private readonly string _connectionString;

    private SqliteEntityStore(string connectionString) => _connectionString = connectionString;

    /// <summary>Opens (creating if needed) the database at <paramref name="path"/> and applies pending migrations.</summary>
    public static async Task<SqliteEntityStore> OpenAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        SQLitePCL.Batteries_V2.Init();
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 10, // seconds a command retries while another connection holds the write lock
        }.ToString();
        var store = new SqliteEntityStore(connectionString);
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        await SqliteMigrations.ApplyAsync(connection, cancellationToken);
        return store;
    }

    public Task EnsureTableAsync(string table, CancellationToken cancellationToken)
    {
        EntityKeys.ValidateTable(table);
        return Task.CompletedTask;
    }

    public async Task<StoredEntity?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        EntityKeys.Validate(table, partitionKey, rowKey);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, "SELECT pk, rk, data, etag FROM entities WHERE tbl = $t AND pk = $p AND rk = $r", table, partitionKey, rowKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<string?> InsertIfAbsentAsync(string table, string partitionKey, string rowKey, string data, CancellationToken cancellationToken)
    {
        var (etag, written) = await WriteNewVersionAsync(
            "INSERT INTO entities (tbl, pk, rk, data, etag) VALUES ($t, $p, $r, $d, $e) ON CONFLICT DO NOTHING",
            table, partitionKey, rowKey, data, cancellationToken);
        return written ? etag : null;
    }

    public async Task<string> UpsertAsync(string table, string partitionKey, string rowKey, string data, CancellationToken cancellationToken) =>
        (await WriteNewVersionAsync(
            "INSERT INTO entities (tbl, pk, rk, data, etag) VALUES ($t, $p, $r, $d, $e) ON CONFLICT (tbl, pk, rk) DO UPDATE SET data = excluded.data, etag = excluded.etag",
            table, partitionKey, rowKey, data, cancellationToken)).ETag;

    public async Task<string?> ReplaceIfMatchAsync(string table, string partitionKey, string rowKey, string data, string etag, CancellationToken cancellationToken)
    {
        EntityKeys.Validate(table, partitionKey, rowKey);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(etag);
        var newETag = NewETag();
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, "UPDATE entities SET data = $d, etag = $n WHERE tbl = $t AND pk = $p AND rk = $r AND etag = $e", table, partitionKey, rowKey);
        command.Parameters.AddWithValue("$d", data);
        command.Parameters.AddWithValue("$n", newETag);
        command.Parameters.AddWithValue("$e", etag);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1 ? newETag : null;
    }

    public async Task<bool> DeleteAsync(string table, string partitionKey, string rowKey, string? etag, CancellationToken cancellationToken)
    {
        EntityKeys.Validate(table, partitionKey, rowKey);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var sql = etag is null
            ? "DELETE FROM entities WHERE tbl = $t AND pk = $p AND rk = $r"
            : "DELETE FROM entities WHERE tbl = $t AND pk = $p AND rk = $r AND etag = $e";
        await using var command = Command(connection, sql, table, partitionKey, rowKey);
        if (etag is not null)
        {
            command.Parameters.AddWithValue("$e", etag);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async IAsyncEnumerable<StoredEntity> QueryAsync(
        string table, string? partitionKey, string? rowKeyFrom, string? rowKeyTo, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        EntityKeys.ValidateTable(table);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var sql = "SELECT pk, rk, data, etag FROM entities WHERE tbl = $t";
        command.Parameters.AddWithValue("$t", table);
        if (partitionKey is not null)
        {
            sql += " AND pk = $p";
            command.Parameters.AddWithValue("$p", partitionKey);
        }

        if (rowKeyFrom is not null)
        {
            sql += " AND rk >= $from";
            command.Parameters.AddWithValue("$from", rowKeyFrom);
        }

        if (rowKeyTo is not null)
        {
            sql += " AND rk < $to";
            command.Parameters.AddWithValue("$to", rowKeyTo);
        }

        command.CommandText = sql + " ORDER BY pk, rk";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return Read(reader);
        }
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>Runs an insert-style statement that writes <paramref name="data"/> under a fresh ETag ($d, $e).</summary>
    private async Task<(string ETag, bool Written)> WriteNewVersionAsync(
        string sql, string table, string partitionKey, string rowKey, string data, CancellationToken cancellationToken)
    {
        EntityKeys.Validate(table, partitionKey, rowKey);
        ArgumentNullException.ThrowIfNull(data);
        var etag = NewETag();
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, sql, table, partitionKey, rowKey);
        command.Parameters.AddWithValue("$d", data);
        command.Parameters.AddWithValue("$e", etag);
        return (etag, await command.ExecuteNonQueryAsync(cancellationToken) == 1);
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, string table, string partitionKey, string rowKey)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$t", table);
        command.Parameters.AddWithValue("$p", partitionKey);
        command.Parameters.AddWithValue("$r", rowKey);
        return command;
    }

    private static StoredEntity Read(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));

    private static string NewETag() => "W/\"" + Guid.NewGuid().ToString("N") + "\"";
}
