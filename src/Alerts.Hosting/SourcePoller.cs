using Alerts.Core.Handlers;
using Alerts.Core.Model;
using Alerts.Core.Ports;
using Alerts.Sources.Feeds;
using Microsoft.Extensions.Logging;

namespace Alerts.Hosting;

/// <summary>
/// One scheduled poll as both drivers run it: polls and ingests (<see cref="FeedPolling"/>), then records the source's status
/// (last poll, last success, rows, last error, next poll). On a source's first poll the status also fixes its look-back floor
/// (<see cref="FeedSourceOptions.LookBack"/> before that poll): older items are history, never stored or alerted, so a cold
/// start does not flood subscribers. A paged source gets back the cursor its last poll left, so it pages through a burst. A status that cannot be written is logged; the poll's events are kept either way.
/// </summary>
public sealed partial class SourcePoller(ISourceStatusRepository statuses, TimeProvider time, ILogger<SourcePoller> logger)
{
    public async Task<PollOutcome> PollAsync(
        ScheduledFeedSource source, Func<MarketEvent, CancellationToken, Task<IngestResult>> ingest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var startedAt = time.GetUtcNow();
        var before = await ReadAsync(source.Options.Name, cancellationToken);
        if (before?.HeldUntil is { } heldUntil && heldUntil > startedAt)
        {
            // Stored, so it holds across restarts and scaled-out instances, which do not share the in-memory host gate.
            LogHeld(logger, source.Options.Name, heldUntil);
            var held = new FeedError(FeedErrorKind.RateLimited, $"{source.Options.Name}: not polled until {heldUntil:u} (the host's Retry-After)", null, heldUntil - startedAt);
            return new PollOutcome(source.Options.Name, 0, [], 0, held);
        }

        var floor = before?.Since ?? startedAt - source.Options.LookBack;
        var outcome = await FeedPolling.PollAndIngestAsync(source.Source, ingest, logger, cancellationToken, floor, before?.Cursor);
        if (outcome.History > 0)
        {
            LogHistorySkipped(logger, source.Options.Name, outcome.History, floor);
        }

        var status = Next(before, source.Options, outcome, startedAt, floor);
        try
        {
            await statuses.SaveAsync(status, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogStatusNotSaved(logger, exception, source.Options.Name);
        }

        return outcome;
    }

    /// <summary>The status after a poll that started at <paramref name="startedAt"/>.</summary>
    public static SourceStatus Next(SourceStatus? before, FeedSourceOptions options, PollOutcome outcome, DateTimeOffset startedAt, DateTimeOffset floor)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(outcome);
        var status = (before ?? new SourceStatus { Source = options.Name }) with
        {
            Kind = options.Kind,
            LastPollAt = startedAt,
            NextPollAt = NextPoll(options.Schedule, startedAt, outcome.Error?.RetryAfter),
            Since = before?.Since ?? floor,
            Cursor = outcome.Cursor ?? before?.Cursor,
            HeldUntil = outcome.Error?.RetryAfter is { } wait ? startedAt + wait : null,
        };
        return outcome.Error is { } error
            ? status with { LastError = error.ToString(), LastErrorAt = startedAt, ConsecutiveFailures = status.ConsecutiveFailures + 1 }
            : status with
            {
                LastSuccessAt = startedAt, RowsRead = outcome.Items, NewEvents = outcome.Accepted.Count, SkippedRows = outcome.SkippedRows,
                ConsecutiveFailures = 0,
            };
    }

    /// <summary>The first scheduled time at or after the host's hold ends (a Retry-After), else the schedule's next occurrence.</summary>
    private static DateTimeOffset NextPoll(string schedule, DateTimeOffset after, TimeSpan? hold)
    {
        var next = SourcePollSchedule.NextOccurrence(schedule, after);
        var until = after + (hold ?? TimeSpan.Zero);
        for (var guard = 0; next < until && guard < 100_000; guard++)
        {
            next = SourcePollSchedule.NextOccurrence(schedule, next);
        }

        return next;
    }

    private async Task<SourceStatus?> ReadAsync(string source, CancellationToken cancellationToken)
    {
        try
        {
            return await statuses.GetAsync(source, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogStatusNotSaved(logger, exception, source);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Poll of {Source} skipped: its host asked not to be contacted before {HeldUntil}")]
    private static partial void LogHeld(ILogger logger, string source, DateTimeOffset heldUntil);

    [LoggerMessage(Level = LogLevel.Information, Message = "Poll of {Source} read {Count} item(s) from before {Floor}: history from before the source's first poll, not alerted")]
    private static partial void LogHistorySkipped(ILogger logger, string source, int count, DateTimeOffset floor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The status of source {Source} could not be read or saved; its events are not affected")]
    private static partial void LogStatusNotSaved(ILogger logger, Exception exception, string source);
}
