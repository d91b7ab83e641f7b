using System.Runtime.CompilerServices;
using Alerts.Storage.Primitive;

namespace Alerts.Storage.Sqlite;

/// <summary>
/// Pending work outside a transaction: each change is one statement committed through the group commit with other callers'
/// writes; reads run on a read connection of their own.
/// </summary>
public sealed partial class SqliteEntityStore
{
    public Task<bool> PutPendingAsync(PendingRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        return WritePendingAsync((transaction, commands) => commands.Pending.Put(transaction, row), cancellationToken);
    }

    public Task<bool> AddPendingAsync(PendingRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        return WritePendingAsync((transaction, commands) => commands.Pending.Add(transaction, row), cancellationToken);
    }

    public Task<bool> RemovePendingAsync(string stage, string key, CancellationToken cancellationToken) =>
        WritePendingAsync((transaction, commands) => commands.Pending.Remove(transaction, stage, key), cancellationToken);

    public async Task<bool> IsPendingAsync(string stage, string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        using var pending = new SqlitePendingWork(connection);
        return pending.IsPending(null, stage, key);
    }

    public async Task<long> CountPendingAsync(string stage, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        using var pending = new SqlitePendingWork(connection);
        return pending.Count(null, stage);
    }

    public async IAsyncEnumerable<PendingRow> ListPendingAsync(string stage, long? dueBy, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        using var pending = new SqlitePendingWork(connection);
        await using var command = pending.List(null, stage, dueBy);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return SqlitePendingWork.Read(stage, reader);
        }
    }

    private async Task<bool> WritePendingAsync(Func<Microsoft.Data.Sqlite.SqliteTransaction, SqliteWriteCommands, bool> statement, CancellationToken cancellationToken) =>
        (await _writer.WriteAsync(SqliteWrite.OfStatement(statement), cancellationToken))[0].Applied;
}
