using System.Collections.Concurrent;
using Alerts.Storage.Primitive;
using Microsoft.Data.Sqlite;

namespace Alerts.Storage.Sqlite;

/// <summary>
/// Group commit: every write goes through one writer connection, and writes that arrive while a transaction is being committed
/// are gathered into the next one (at most <see cref="SqliteStoreOptions.MaxBatchSize"/>), so many concurrent callers pay for
/// one sync instead of one each. There is no background thread: whichever waiting caller takes the writer lock commits the
/// queue's next batch, and keeps doing so until its own write is done. Each caller still gets its own outcome, and only once
/// the transaction holding its write has committed. A caller's work (<see cref="SqliteWrite.Work"/>, a stage's batch) is already
/// a group of its own and commits in a transaction by itself.
/// </summary>
internal sealed class SqliteGroupCommit(string connectionString, SqliteStoreOptions options) : IAsyncDisposable
{
    private const string WriteSavepoint = "write";

    private readonly ConcurrentQueue<SqliteWrite> _queue = new();
    private readonly SemaphoreSlim _writer = new(1, 1);
    private SqliteConnection? _connection;
    private SqliteWriteCommands? _commands;
    private long _commits;

    /// <summary>Transactions committed so far (tests and the benchmark compare it with the number of writes).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    internal int QueuedWrites => _queue.Count;

    internal bool Committing => _writer.CurrentCount == 0;

    public async Task<WriteOutcome[]> WriteAsync(SqliteWrite write, CancellationToken cancellationToken)
    {
        _queue.Enqueue(write);
        while (!write.IsSettled)
        {
            try
            {
                await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!write.IsSettled)
            {
                write.Cancel(cancellationToken);
                throw;
            }

            try
            {
                if (!write.IsSettled)
                {
                    CommitNextBatch();
                }
            }
            finally
            {
                _writer.Release();
            }
        }

        return await write.Completion.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.WaitAsync().ConfigureAwait(false);
        try
        {
            CloseConnection();
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Runs under the writer lock. Never uses a caller's cancellation token: the batch carries other callers' writes too.</summary>
    private void CommitNextBatch()
    {
        var batch = new List<SqliteWrite>(Math.Min(options.MaxBatchSize, 64));
        while (batch.Count < options.MaxBatchSize && _queue.TryPeek(out var next))
        {
            // A caller's work (a stage's whole batch) commits by itself: alone, it needs no savepoint to be undone on its own,
            // and a savepoint's undo copy of every page it touches costs more than the commit it would share.
            if (next.Work is not null && batch.Count > 0)
            {
                break;
            }

            if (_queue.TryDequeue(out var queued) && !queued.IsSettled)
            {
                batch.Add(queued);
                if (queued.Work is not null)
                {
                    break;
                }
            }
        }

        if (batch.Count == 0)
        {
            return;
        }

        if (batch[0].Work is not null)
        {
            CommitAlone(batch[0]);
            return;
        }

        var results = new (WriteOutcome[]? Outcomes, Exception? Error)[batch.Count];
        try
        {
            var (connection, commands) = Open();
            using var transaction = connection.BeginTransaction(deferred: false);
            for (var i = 0; i < batch.Count; i++)
            {
                results[i] = Apply(transaction, commands, batch[i]);
            }

            transaction.Commit();
            Interlocked.Increment(ref _commits);
        }
        catch (Exception exception)
        {
            // The transaction did not commit: nothing of this batch was written. Every caller in it is told so (a write left
            // unsettled would never be retried), and a fresh connection serves the next batch.
            CloseConnection();
            foreach (var write in batch)
            {
                write.Fail(exception);
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (results[i].Error is { } error)
            {
                batch[i].Fail(error);
            }
            else
            {
                batch[i].Succeed(results[i].Outcomes!);
            }
        }
    }

    /// <summary>Runs one caller's work in a transaction of its own: what it throws rolls the transaction back and fails only it.</summary>
    private void CommitAlone(SqliteWrite write)
    {
        try
        {
            var (connection, commands) = Open();
            using var transaction = connection.BeginTransaction(deferred: false);
            try
            {
                write.Work!(transaction, commands);
            }
            catch (Exception exception) when (exception is not SqliteException)
            {
                transaction.Rollback();
                write.Fail(exception);
                return;
            }

            transaction.Commit();
            Interlocked.Increment(ref _commits);
        }
        catch (Exception exception)
        {
            CloseConnection();
            write.Fail(exception);
            return;
        }

        write.Succeed([]);
    }

    private static (WriteOutcome[]? Outcomes, Exception? Error) Apply(SqliteTransaction transaction, SqliteWriteCommands commands, SqliteWrite write)
    {
        if (write.Statement is { } statement)
        {
            return ([new WriteOutcome(statement(transaction, commands), null)], null);
        }

        if (!write.Atomic)
        {
            // A single statement is atomic by itself: no savepoint needed.
            return ([.. write.Operations.Select(operation => commands.Execute(transaction, write.Table, operation))], null);
        }

        commands.Save(transaction, WriteSavepoint);
        var outcomes = new WriteOutcome[write.Operations.Count];
        for (var i = 0; i < outcomes.Length; i++)
        {
            outcomes[i] = commands.Execute(transaction, write.Table, write.Operations[i]);
            if (!outcomes[i].Applied)
            {
                commands.RollBack(transaction, WriteSavepoint);
                return (null, new BatchConflictException(i, write.Operations[i]));
            }
        }

        commands.Release(transaction, WriteSavepoint);
        return (outcomes, null);
    }

    private (SqliteConnection Connection, SqliteWriteCommands Commands) Open()
    {
        if (_connection is null || _commands is null)
        {
            var connection = new SqliteConnection(connectionString);
            connection.Open();
            using (var pragma = connection.CreateCommand())
            {
                // A larger page cache for the one writer: batches touch rows all over the b-tree (ids are hashes), and every
                // page it must read back from the file is a system call inside the write lock. Checkpoints run less often,
                // so a page written by many commits is copied back to the database once. Every caller's work and every atomic
                // batch runs in a savepoint, whose undo copies of the pages it changes go to a sub-journal: kept in memory, they
                // cost a copy, where the default spills them to a temporary file with two writes per page.
                pragma.CommandText = (options.Durability == StoreDurability.Full ? "PRAGMA synchronous = FULL;" : "PRAGMA synchronous = NORMAL;")
                    + $" PRAGMA cache_size = -{options.WriterCacheKib}; PRAGMA wal_autocheckpoint = {(options.CheckpointInterval > TimeSpan.Zero ? 4 : 1) * options.CheckpointPages}; PRAGMA temp_store = MEMORY;";
                pragma.ExecuteNonQuery();
            }

            _connection = connection;
            _commands = new SqliteWriteCommands(connection);
        }

        return (_connection, _commands);
    }

    private void CloseConnection()
    {
        _commands?.Dispose();
        _connection?.Dispose();
        _commands = null;
        _connection = null;
    }
}
