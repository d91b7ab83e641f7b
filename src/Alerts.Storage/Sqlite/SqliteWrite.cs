using Alerts.Storage.Primitive;
using Microsoft.Data.Sqlite;

namespace Alerts.Storage.Sqlite;

/// <summary>Whether one operation applied and the ETag it left (null for deletes and for what did not apply).</summary>
internal readonly record struct WriteOutcome(bool Applied, string? ETag);

/// <summary>
/// One caller's write waiting for the group commit: a single operation (a conflict is an answer, not an error), an atomic
/// batch (a conflict undoes the whole batch and fails it with <see cref="BatchConflictException"/>), a single
/// <see cref="Statement"/> of a table of its own (shares the group's transaction like a single operation), or a piece of
/// <see cref="Work"/> run inside the transaction (an exception undoes what it wrote and fails it).
/// </summary>
internal sealed class SqliteWrite(string table, IReadOnlyList<BatchOperation> operations, bool atomic)
{
    /// <summary>A caller's own reads and writes, run on the writer connection inside the group's transaction.</summary>
    public Action<SqliteTransaction, SqliteWriteCommands>? Work { get; private init; }

    public static SqliteWrite Of(Action<SqliteTransaction, SqliteWriteCommands> work) => new(string.Empty, [], atomic: true) { Work = work };

    /// <summary>One statement run in the group's transaction; it answers whether it changed a row.</summary>
    public Func<SqliteTransaction, SqliteWriteCommands, bool>? Statement { get; private init; }

    public static SqliteWrite OfStatement(Func<SqliteTransaction, SqliteWriteCommands, bool> statement) =>
        new(string.Empty, [], atomic: false) { Statement = statement };

    private readonly TaskCompletionSource<WriteOutcome[]> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Table { get; } = table;

    public IReadOnlyList<BatchOperation> Operations { get; } = operations;

    public bool Atomic { get; } = atomic;

    public Task<WriteOutcome[]> Completion => _completion.Task;

    public bool IsSettled => _completion.Task.IsCompleted;

    public void Succeed(WriteOutcome[] outcomes) => _completion.TrySetResult(outcomes);

    public void Fail(Exception exception) => _completion.TrySetException(exception);

    /// <summary>A caller that gave up marks its write cancelled, so no later batch applies it.</summary>
    public void Cancel(CancellationToken cancellationToken) => _completion.TrySetCanceled(cancellationToken);
}
