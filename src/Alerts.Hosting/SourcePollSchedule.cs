using Alerts.Core.Ports;
using Alerts.Sources.Feeds;
using NCrontab;

namespace Alerts.Hosting;

/// <summary>
/// Which feed sources are due, for a driver that wakes on one shared tick (the PollSources timer): each source keeps its own
/// 6-field NCRONTAB schedule, and its next poll time is a pending row in the store (<see cref="WorkStage.Poll"/>), so a
/// restart or another instance picks up where the last tick left off. A source never polled before is due at once.
/// </summary>
public sealed class SourcePollSchedule(IWorkRepository work, TimeProvider time)
{
    /// <summary>
    /// Returns the sources due now and moves each one's row to its next occurrence before it is polled: a crash mid-poll
    /// waits for the next occurrence instead of polling in a loop (a repeated poll would be harmless anyway: ingest dedupes).
    /// </summary>
    public async Task<IReadOnlyList<ScheduledFeedSource>> ClaimDueAsync(IEnumerable<ScheduledFeedSource> sources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var now = time.GetUtcNow();
        var next = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await foreach (var item in work.ListAsync(WorkStage.Poll, cancellationToken))
        {
            next[item.Key] = item.DueAt;
        }

        var due = new List<ScheduledFeedSource>();
        foreach (var source in sources)
        {
            if (next.TryGetValue(source.Options.Name, out var dueAt) && dueAt > now)
            {
                continue;
            }

            await work.PutAsync(new WorkItem(WorkStage.Poll, source.Options.Name, NextOccurrence(source.Options.Schedule, now)), cancellationToken);
            due.Add(source);
        }

        return due;
    }

    /// <summary>The first occurrence of a 6-field NCRONTAB <paramref name="schedule"/> strictly after <paramref name="after"/> (UTC).</summary>
    public static DateTimeOffset NextOccurrence(string schedule, DateTimeOffset after)
    {
        var parsed = CrontabSchedule.TryParse(schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true })
            ?? throw new FormatException($"'{schedule}' is not a 6-field NCRONTAB expression (second minute hour day month weekday).");
        return new DateTimeOffset(DateTime.SpecifyKind(parsed.GetNextOccurrence(after.UtcDateTime), DateTimeKind.Utc));
    }
}
