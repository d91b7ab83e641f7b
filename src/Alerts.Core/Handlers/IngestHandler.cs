using Alerts.Core.Model;
using Alerts.Core.Ports;
using Microsoft.Extensions.Logging;

namespace Alerts.Core.Handlers;

public enum IngestOutcome
{
    Accepted,
    Duplicate,
    Rejected,
}

public sealed record IngestResult(IngestOutcome Outcome, EvaluateMessage? Message, string? Problem = null);

/// <summary>
/// First stage: dedupe. The pending-evaluation row is claimed before the event is stored, so a crash between the two
/// leaves work to recover rather than an event nobody evaluates.
/// </summary>
public sealed partial class IngestHandler(IEventRepository events, IWorkRepository work, PipelineOptions options, TimeProvider time, ILogger<IngestHandler> logger)
{
    public async Task<IngestResult> HandleAsync(MarketEvent marketEvent, CancellationToken cancellationToken)
    {
        if (EventValidator.Problem(marketEvent) is { } problem)
        {
            LogRejected(logger, problem);
            return new IngestResult(IngestOutcome.Rejected, null, problem);
        }

        var item = new WorkItem(WorkStage.Evaluate, marketEvent.Id, time.GetUtcNow() + options.RedeliveryGrace);
        var claimed = await work.TryAddAsync(item, cancellationToken);
        if (await events.TryAddAsync(marketEvent, cancellationToken))
        {
            LogAccepted(logger, marketEvent.Id);
            return new IngestResult(IngestOutcome.Accepted, new EvaluateMessage(marketEvent.Id));
        }

        // Seen before. If this call created the pending row, the earlier evaluation has already finished and removed its own.
        if (claimed)
        {
            await work.RemoveAsync(WorkStage.Evaluate, marketEvent.Id, cancellationToken);
        }

        return new IngestResult(IngestOutcome.Duplicate, null);
    }

    /// <summary>
    /// The one ingest path for a batch, whichever driver received it: events are taken in event-time order (stable for equal
    /// times), because price rules keep per-symbol state and treat a tick older than the last one seen as late. Up to
    /// <paramref name="parallelism"/> events are stored at once; results come back in that time order, so the caller hands the
    /// accepted ones to evaluation in sequence.
    /// </summary>
    public async IAsyncEnumerable<(MarketEvent Event, IngestResult Result)> HandleBatchAsync(
        IEnumerable<MarketEvent> events, int parallelism, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);

        // A repeat of an event earlier in the batch is a duplicate without touching the store: two ingests of one event must
        // not run side by side (the loser would remove the pending row the winner's evaluation relies on).
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in InTimeOrder(events).Chunk(Math.Max(1, parallelism)))
        {
            var results = await Task.WhenAll(chunk.Select(e => RepeatsEarlier(e, seen)
                ? Task.FromResult(new IngestResult(IngestOutcome.Duplicate, null))
                : HandleAsync(e, cancellationToken)));
            for (var i = 0; i < chunk.Length; i++)
            {
                yield return (chunk[i], results[i]);
            }
        }
    }

    /// <summary>
    /// The same ingest path, with each chunk of up to <paramref name="chunkSize"/> events stored in one transaction (on a
    /// backend that has them) instead of one write per row: results still come back one per event, in event-time order.
    /// </summary>
    public async IAsyncEnumerable<(MarketEvent Event, IngestResult Result)> HandleBatchAsync(
        IEnumerable<MarketEvent> events, IPipelineTransactions transactions, int chunkSize, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(transactions);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in InTimeOrder(events).Chunk(Math.Max(1, chunkSize)))
        {
            var results = await transactions.RunAsync(async repositories =>
            {
                var inTransaction = new IngestHandler(repositories.Events, repositories.Work, options, time, logger);
                var chunkResults = new IngestResult[chunk.Length];
                for (var i = 0; i < chunk.Length; i++)
                {
                    chunkResults[i] = RepeatsEarlier(chunk[i], seen)
                        ? new IngestResult(IngestOutcome.Duplicate, null)
                        : await inTransaction.HandleAsync(chunk[i], cancellationToken);
                }

                return chunkResults;
            }, cancellationToken);
            for (var i = 0; i < chunk.Length; i++)
            {
                yield return (chunk[i], results[i]);
            }
        }
    }

    /// <summary>A valid event already seen earlier in the same batch (noted in <paramref name="seen"/> otherwise).</summary>
    private static bool RepeatsEarlier(MarketEvent marketEvent, HashSet<string> seen) =>
        marketEvent.IsWellFormed && EventValidator.Problem(marketEvent) is null && !seen.Add(marketEvent.Id);

    /// <summary>Event-time order, stable for equal times; malformed events (no time to sort by) come first and are rejected.</summary>
    public static IEnumerable<MarketEvent> InTimeOrder(IEnumerable<MarketEvent> events) =>
        events.OrderBy(e => e.IsWellFormed ? e.OccurredAt : DateTimeOffset.MinValue);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Accepted event {EventId}")]
    private static partial void LogAccepted(ILogger logger, string eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected event: {Problem}")]
    private static partial void LogRejected(ILogger logger, string problem);
}
