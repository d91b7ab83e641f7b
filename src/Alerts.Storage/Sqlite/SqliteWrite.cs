using Alerts.Storage.Primitive;

namespace Alerts.Storage.Sqlite;

/// <summary>Whether one operation applied and the ETag it left (null for deletes and for what did not apply).</summary>
internal readonly record struct WriteOutcome(bool Applied, string? ETag);

/// <summary>
/// One caller's write waiting for the group commit: a single operation (a conflict is an answer, not an error) or an atomic
/// batch (a conflict undoes the whole batch and fails it with <see cref="BatchConflictException"/>).
/// </summary>
internal sealed class SqliteWrite(string table, IReadOnlyList<BatchOperation> operations, bool atomic)
{
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
