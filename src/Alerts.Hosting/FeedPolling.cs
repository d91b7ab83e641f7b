using Alerts.Core.Handlers;
using Alerts.Core.Model;
using Alerts.Sources.Feeds;
using Microsoft.Extensions.Logging;

namespace Alerts.Hosting;

/// <summary>What one poll of one source gave: how many items, the evaluations it started, skipped rows, or why it failed.</summary>
public sealed record PollOutcome(string Source, int Items, IReadOnlyList<EvaluateMessage> Accepted, int SkippedRows, FeedError? Error)
{
    /// <summary>Items older than the source's look-back floor on its first polls: read, neither stored nor alerted.</summary>
    public int History { get; init; }

    /// <summary>A paged source's new cursor (<see cref="FeedPoll.Cursor"/>); null when unchanged.</summary>
    public string? Cursor { get; init; }

    public override string ToString() => Error is { } error
        ? $"{Source}: poll failed: {error}"
        : $"{Source}: {Items} item(s), {Accepted.Count} new, {SkippedRows} row(s) skipped";
}

/// <summary>
/// Polls a source and ingests what it found, oldest first: the one poll step both drivers run (the standalone scheduler and the
/// PollSources function). A failing source is logged and reported, never thrown, so it cannot stop the healthy ones.
/// </summary>
public static partial class FeedPolling
{
    /// <param name="notBefore">Events that occurred before this are history from before the source was first polled: skipped.</param>
    /// <param name="cursor">Where a paged source's last poll stopped (<see cref="IPagedFeedSource"/>).</param>
    public static async Task<PollOutcome> PollAndIngestAsync(
        IFeedSource source,
        Func<MarketEvent, CancellationToken, Task<IngestResult>> ingest,
        ILogger logger,
        CancellationToken cancellationToken,
        DateTimeOffset? notBefore = null,
        string? cursor = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(ingest);
        FeedPoll poll;
        try
        {
            poll = source is IPagedFeedSource paged ? await paged.PollAsync(cursor, cancellationToken) : await source.PollAsync(cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Sources report feed trouble as FeedPoll.Error; an exception is a bug in one source, which must not stop the others.
            LogSourceCrashed(logger, exception, source.Name);
            poll = FeedPoll.Failed(source.Name, FeedError.Malformed($"{source.Name}: {exception.GetType().Name}: {exception.Message}"));
        }

        if (poll.Error is { } error)
        {
            LogPollFailed(logger, source.Name, error.ToString());
            return new PollOutcome(source.Name, 0, [], 0, error);
        }

        foreach (var problem in poll.Problems)
        {
            LogRowSkipped(logger, source.Name, problem.ToString());
        }

        var accepted = new List<EvaluateMessage>();
        var current = notBefore is { } floor ? poll.Events.Where(e => e.OccurredAt >= floor).ToList() : poll.Events;
        foreach (var marketEvent in IngestHandler.InTimeOrder(current))
        {
            if ((await ingest(marketEvent, cancellationToken)).Message is { } message)
            {
                accepted.Add(message);
            }
        }

        LogPolled(logger, source.Name, poll.Events.Count, accepted.Count);
        return new PollOutcome(source.Name, poll.Events.Count, accepted, poll.Problems.Count, null) { History = poll.Events.Count - current.Count, Cursor = poll.Cursor };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Poll of {Source} failed: {Error}")]
    private static partial void LogPollFailed(ILogger logger, string source, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Feed source {Source} threw instead of reporting an error; skipped this tick")]
    private static partial void LogSourceCrashed(ILogger logger, Exception exception, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Poll of {Source} skipped a row: {Problem}")]
    private static partial void LogRowSkipped(ILogger logger, string source, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Polled {Source}: {Count} item(s), {Accepted} new")]
    private static partial void LogPolled(ILogger logger, string source, int count, int accepted);
}
