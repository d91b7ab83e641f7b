namespace Alerts.Core.Ports;

/// <summary>How one feed source is doing, as the last poll left it: what operators read on <c>alerts sources status</c>.</summary>
public sealed record SourceStatus
{
    public required string Source { get; init; }

    public string Kind { get; init; } = string.Empty;

    /// <summary>When the last poll started, whatever its outcome.</summary>
    public DateTimeOffset? LastPollAt { get; init; }

    public DateTimeOffset? LastSuccessAt { get; init; }

    /// <summary>Rows (announcements, quotes) the last successful poll read.</summary>
    public int RowsRead { get; init; }

    /// <summary>Of those, how many were new events.</summary>
    public int NewEvents { get; init; }

    /// <summary>Rows the last successful poll had to skip (each logged with its reason).</summary>
    public int SkippedRows { get; init; }

    /// <summary>The last failed poll's error, kept after later successes so an intermittent fault stays visible.</summary>
    public string? LastError { get; init; }

    public DateTimeOffset? LastErrorAt { get; init; }

    /// <summary>Failed polls since the last success.</summary>
    public int ConsecutiveFailures { get; init; }

    public DateTimeOffset? NextPollAt { get; init; }

    /// <summary>Until when the source's host asked not to be contacted (its Retry-After), so a restart or another instance waits too.</summary>
    public DateTimeOffset? HeldUntil { get; init; }

    /// <summary>
    /// The look-back floor fixed on the source's first poll: items that occurred before it are history, never alerted.
    /// </summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>The source's own high-water mark (e.g. the newest HKEX newsId seen), so paging knows where the last poll stopped.</summary>
    public string? Cursor { get; init; }
}

/// <summary>One status row per feed source, in the store both drivers share.</summary>
public interface ISourceStatusRepository
{
    Task<SourceStatus?> GetAsync(string source, CancellationToken cancellationToken);

    Task SaveAsync(SourceStatus status, CancellationToken cancellationToken);

    Task<IReadOnlyList<SourceStatus>> ListAsync(CancellationToken cancellationToken);
}
