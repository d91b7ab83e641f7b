using System.Runtime.CompilerServices;
using Alerts.Core;
using Alerts.Storage.Primitive;
using Microsoft.Data.Sqlite;

namespace Alerts.Storage.Sqlite;

/// <summary>
/// The embedded backend: one <c>entities</c> table keyed by (table, partition key, row key) with an ETag column, in WAL mode.
/// Reads run on pooled connections of their own and never wait for a write; writes go through one writer connection that
/// commits concurrent callers' writes together (<see cref="SqliteGroupCommit"/>), synced as <see cref="StoreDurability"/> says.
/// Pending work has a table of its own (SqliteEntityStore.Pending.cs).
/// </summary>
public sealed partial class SqliteEntityStore : ITransactionalEntityStore, IPendingWorkStore, IAlertIdLayout, IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly SqliteGroupCommit _writer;
    private readonly SqlitePointReads _reads;
    private readonly SqliteCheckpointer? _checkpointer;

    private SqliteEntityStore(string connectionString, SqliteStoreOptions options)
    {
        _connectionString = connectionString;
        _writer = new SqliteGroupCommit(connectionString, options);
        _reads = new SqlitePointReads(connectionString);
        _checkpointer = options.CheckpointInterval > TimeSpan.Zero ? new SqliteCheckpointer(connectionString, options.CheckpointInterval) : null;
    }

    /// <summary>Opens (creating if needed) the database at <paramref name="path"/> and applies pending migrations.</summary>
    public static Task<SqliteEntityStore> OpenAsync(string path, CancellationToken cancellationToken) =>
        OpenAsync(path, new SqliteStoreOptions(), cancellationToken);

    public static async Task<SqliteEntityStore> OpenAsync(string path, SqliteStoreOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1, nameof(options));
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
            DefaultTimeout = 10, // seconds a command retries while another process holds the write lock
        }.ToString();
        var store = new SqliteEntityStore(connectionString, options);
        try
        {
            await using var connection = await store.OpenConnectionAsync(cancellationToken);
            await SqliteMigrations.ApplyAsync(connection, cancellationToken);
            store.AlertIds = await SqliteMigrations.ReadAlertIdsAsync(connection, cancellationToken);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public AlertIdLayout AlertIds { get; private set; } = AlertIdLayout.Hashed;

    public Task EnsureTableAsync(string table, CancellationToken cancellationToken)
    {
        EntityKeys.ValidateTable(table);
        return Task.CompletedTask;
    }

    public Task<StoredEntity?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        EntityKeys.Validate(table, partitionKey, rowKey);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_reads.Get(table, partitionKey, rowKey));
    }

    public async Task<string?> InsertIfAbsentAsync(string table, string partitionKey, string rowKey, string data, CancellationToken cancellationToken) =>
        (await WriteOneAsync(table, BatchOperation.Insert(partitionKey, rowKey, data), cancellationToken)).ETag;

    public async Task<string> UpsertAsync(string table, string partitionKey, string rowKey, string data, CancellationToken cancellationToken) =>
        (await WriteOneAsync(table, BatchOperation.Upsert(partitionKey, rowKey, data), cancellationToken)).ETag!;

    public async Task<string?> ReplaceIfMatchAsync(string table, string partitionKey, string rowKey, string data, string etag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(etag);
        return (await WriteOneAsync(table, BatchOperation.Replace(partitionKey, rowKey, data, etag), cancellationToken)).ETag;
    }

    public async Task<bool> DeleteAsync(string table, string partitionKey, string rowKey, string? etag, CancellationToken cancellationToken) =>
        (await WriteOneAsync(table, BatchOperation.Delete(partitionKey, rowKey, etag), cancellationToken)).Applied;

    public async Task<IReadOnlyList<string?>> ExecuteBatchAsync(string table, IReadOnlyList<BatchOperation> operations, CancellationToken cancellationToken)
    {
        EntityBatch.Validate(table, operations);
        var outcomes = await _writer.WriteAsync(new SqliteWrite(table, [.. operations], atomic: true), cancellationToken);
        return [.. outcomes.Select(outcome => outcome.ETag)];
    }

    public async Task<T> TransactAsync<T>(Func<IEntityStore, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        T result = default!;
        await _writer.WriteAsync(SqliteWrite.Of((transaction, commands) =>
        {
            // The view completes every call synchronously, so the work has finished when GetResult returns.
            result = work(new SqliteTransactionView(transaction, commands)).GetAwaiter().GetResult();
        }), cancellationToken);
        return result;
    }

    /// <summary>Write transactions committed by this store so far; with group commit, fewer than the writes made.</summary>
    public long Commits => _writer.Commits;

    internal SqliteGroupCommit Writer => _writer;

    public async ValueTask DisposeAsync()
    {
        if (_checkpointer is not null)
        {
            await _checkpointer.DisposeAsync();
        }

        _reads.Dispose();
        await _writer.DisposeAsync();
    }

    public async IAsyncEnumerable<StoredEntity> QueryAsync(
        string table, string? partitionKey, string? rowKeyFrom, string? rowKeyTo, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        EntityKeys.ValidateTable(table);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        SqliteQuery.Prepare(command, table, partitionKey, rowKeyFrom, rowKeyTo);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return SqliteQuery.Read(reader);
        }
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private async Task<WriteOutcome> WriteOneAsync(string table, BatchOperation operation, CancellationToken cancellationToken)
    {
        EntityKeys.Validate(table, operation.PartitionKey, operation.RowKey);
        if (operation.Kind != BatchOperationKind.Delete)
        {
            ArgumentNullException.ThrowIfNull(operation.Data, "data");
        }

        return (await _writer.WriteAsync(new SqliteWrite(table, [operation], atomic: false), cancellationToken))[0];
    }
}
