namespace Alerts.Storage.Primitive;

public enum BatchOperationKind
{
    /// <summary>Inserts; the batch fails if the row exists.</summary>
    Insert,

    /// <summary>Inserts or replaces unconditionally.</summary>
    Upsert,

    /// <summary>Replaces the row only if it still has <see cref="BatchOperation.ETag"/>; the batch fails otherwise.</summary>
    Replace,

    /// <summary>Deletes the row (only if it still has <see cref="BatchOperation.ETag"/> when one is given); the batch fails if it is gone.</summary>
    Delete,
}

/// <summary>One write of an <see cref="IEntityStore.ExecuteBatchAsync"/> batch.</summary>
public sealed record BatchOperation(BatchOperationKind Kind, string PartitionKey, string RowKey, string? Data, string? ETag)
{
    public static BatchOperation Insert(string partitionKey, string rowKey, string data) => new(BatchOperationKind.Insert, partitionKey, rowKey, data, null);

    public static BatchOperation Upsert(string partitionKey, string rowKey, string data) => new(BatchOperationKind.Upsert, partitionKey, rowKey, data, null);

    public static BatchOperation Replace(string partitionKey, string rowKey, string data, string etag) => new(BatchOperationKind.Replace, partitionKey, rowKey, data, etag);

    public static BatchOperation Delete(string partitionKey, string rowKey, string? etag = null) => new(BatchOperationKind.Delete, partitionKey, rowKey, null, etag);
}

/// <summary>A batch was refused as a whole because one of its operations could not apply (row exists, changed or is gone).</summary>
public sealed class BatchConflictException(int failedIndex, BatchOperation operation)
    : Exception($"Batch operation {failedIndex} ({operation.Kind} of row '{operation.RowKey}') conflicted; nothing in the batch was written.")
{
    /// <summary>Index in the submitted list of the operation that failed.</summary>
    public int FailedIndex { get; } = failedIndex;

    public BatchOperation Operation { get; } = operation;
}

/// <summary>The batch rules both backends enforce before touching storage (Table Storage's entity group transaction limits).</summary>
public static class EntityBatch
{
    public const int MaxOperations = 100;

    public static void Validate(string table, IReadOnlyList<BatchOperation> operations)
    {
        EntityKeys.ValidateTable(table);
        ArgumentNullException.ThrowIfNull(operations);
        if (operations.Count is 0 or > MaxOperations)
        {
            throw new ArgumentException($"A batch holds 1 to {MaxOperations} operations; this one has {operations.Count}.", nameof(operations));
        }

        var partition = operations[0].PartitionKey;
        var rows = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i] ?? throw new ArgumentException($"Batch operation {i} is null.", nameof(operations));
            EntityKeys.Validate(table, operation.PartitionKey, operation.RowKey);
            if (!string.Equals(operation.PartitionKey, partition, StringComparison.Ordinal))
            {
                // Azurite accepts such a batch; Azure refuses it. Refusing here keeps both backends and the emulator honest.
                throw new ArgumentException(
                    $"Batch operation {i} targets partition '{operation.PartitionKey}' but the batch is for partition '{partition}': a batch must stay in one partition.",
                    nameof(operations));
            }

            if (!rows.Add(operation.RowKey))
            {
                throw new ArgumentException($"Batch operation {i} repeats row '{operation.RowKey}': each row may appear once per batch.", nameof(operations));
            }

            if (operation.Kind is BatchOperationKind.Insert or BatchOperationKind.Upsert or BatchOperationKind.Replace && operation.Data is null)
            {
                throw new ArgumentException($"Batch operation {i} ({operation.Kind}) has no data.", nameof(operations));
            }

            if (operation.Kind == BatchOperationKind.Replace && string.IsNullOrEmpty(operation.ETag))
            {
                throw new ArgumentException($"Batch operation {i} (Replace) has no ETag.", nameof(operations));
            }
        }
    }
}
