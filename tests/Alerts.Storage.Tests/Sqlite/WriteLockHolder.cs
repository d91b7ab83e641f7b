using Microsoft.Data.Sqlite;

namespace Alerts.Storage.Tests.Sqlite;

/// <summary>Another process's connection holding the database write lock until <see cref="Commit"/>.</summary>
internal sealed class WriteLockHolder : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;

    private WriteLockHolder(SqliteConnection connection)
    {
        _connection = connection;
        _transaction = connection.BeginTransaction(deferred: false);
    }

    public static async Task<WriteLockHolder> TakeAsync(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        return new WriteLockHolder(connection);
    }

    public void Commit() => _transaction.Commit();

    public void Dispose()
    {
        _transaction.Dispose();
        _connection.Dispose();
    }
}

/// <summary>Polls a condition the writers reach on their own (a wait for a state, never a sleep to prove an absence).</summary>
internal static class Writers
{
    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The writers did not reach the expected state within 5 s.");
            await Task.Delay(5);
        }
    }
}
