using Microsoft.Data.Sqlite;

namespace Alerts.Storage.Sqlite;

/// <summary>
/// Copies committed WAL pages back into the database on a connection of its own, every
/// <see cref="SqliteStoreOptions.CheckpointInterval"/>, so the writer never does it inside a commit: a checkpoint of thousands
/// of pages (and its sync) held every other writer waiting. A passive checkpoint takes no lock writers or readers wait for;
/// the writer keeps its own automatic checkpoint only as a backstop for when this one falls behind.
/// </summary>
internal sealed class SqliteCheckpointer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public SqliteCheckpointer(string connectionString, TimeSpan interval)
    {
        _loop = Task.Run(() => RunAsync(connectionString, interval, _stop.Token));
    }

    /// <summary>Checkpoints completed so far (tests).</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    private long _checkpoints;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync(string connectionString, TimeSpan interval, CancellationToken stop)
    {
        SqliteConnection? connection = null;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(interval, stop).ConfigureAwait(false);
                try
                {
                    connection ??= Open(connectionString);
                    using var command = connection.CreateCommand();
                    command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                    command.ExecuteNonQuery();
                    Interlocked.Increment(ref _checkpoints);
                }
                catch (SqliteException)
                {
                    // Busy or failing now: the next round tries again, and the writer's own backstop bounds the log meanwhile.
                    connection?.Dispose();
                    connection = null;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disposed.
        }
        finally
        {
            connection?.Dispose();
        }
    }

    private static SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }
}
