namespace Alerts.Storage.Sqlite;

/// <summary>How far a committed write must reach before its caller is told it succeeded.</summary>
public enum StoreDurability
{
    /// <summary>WAL with <c>synchronous=NORMAL</c>: a commit survives a process crash; the last commits may be lost on power loss.</summary>
    Normal,

    /// <summary>WAL with <c>synchronous=FULL</c>: every commit is synced to disk before it is acknowledged (survives power loss).</summary>
    Full,
}

public sealed class SqliteStoreOptions
{
    public StoreDurability Durability { get; init; } = StoreDurability.Normal;

    /// <summary>
    /// Most writes one transaction may carry (group commit). 1 gives a transaction per write, as the store did before group commit.
    /// </summary>
    public int MaxBatchSize { get; init; } = 256;

    /// <summary>Page cache of the writer connection, in KiB (SQLite's default is 2,000).</summary>
    public int WriterCacheKib { get; init; } = 8 * 1024;

    /// <summary>
    /// WAL pages after which a commit checkpoints them into the database (SQLite's default is 1,000). With a
    /// <see cref="CheckpointInterval"/>, the writer does so only at four times this, as a backstop.
    /// </summary>
    public int CheckpointPages { get; init; } = 8_000;

    /// <summary>
    /// How often a background connection checkpoints the WAL, off the writer's path; <see cref="TimeSpan.Zero"/> leaves it to
    /// the writer's commits, after <see cref="CheckpointPages"/> pages.
    /// </summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromMilliseconds(500);
}
