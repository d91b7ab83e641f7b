using System.Collections.Concurrent;
using Alerts.Core.Handlers;
using Alerts.Core.Model;
using Alerts.Core.Ports;

namespace Alerts.Host.Standalone;

/// <summary>What feeding a batch through the pipeline did, and what it leaves for a running service.</summary>
public sealed record BatchReport(
    int Accepted,
    int Duplicates,
    IReadOnlyList<string> Rejected,
    IReadOnlyList<Alert> Alerts,
    IReadOnlyList<(DeliverMessage Message, DeliverResult Result)> Deliveries,
    IReadOnlyList<Core.Model.Delivery> RetriesPending,
    int PendingEvaluations,
    int PendingDeliveries);

/// <summary>
/// Streams a batch through an in-process pipeline and waits until it is quiet. It owns only its own work: the events it ingests
/// (and the deliveries it is handed); pending rows left by earlier runs are counted, not taken. Callers hold the
/// <see cref="DataDirectoryLock"/>, so no running service works the same store meanwhile.
/// </summary>
public static class BatchRun
{
    public static async Task<BatchReport> RunAsync(
        InProcessPipeline pipeline,
        IWorkRepository work,
        IEnumerable<MarketEvent> events,
        IReadOnlyList<DeliverMessage> deliveries,
        int deliveryWorkers,
        bool deliveryEnabled,
        CancellationToken cancellationToken,
        bool oneByOne = false)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(work);
        var alerts = new ConcurrentQueue<Alert>();
        var handled = new ConcurrentQueue<(DeliverMessage, DeliverResult)>();
        pipeline.AlertRaised += alerts.Enqueue;
        pipeline.DeliveryHandled += (message, result) => handled.Enqueue((message, result));
        pipeline.Start(deliveryWorkers, deliveryEnabled);
        foreach (var message in deliveries)
        {
            await pipeline.EnqueueAsync(message, cancellationToken);
        }

        var summary = oneByOne ? await OneByOneAsync(pipeline, events, cancellationToken) : await pipeline.IngestBatchAsync(events, cancellationToken);
        await pipeline.WhenIdleAsync(cancellationToken);
        await pipeline.StopAsync(TimeSpan.FromSeconds(30));

        // The last word on each delivery this run handled: the ones still waiting for a retry are reported with their time.
        var retries = handled
            .GroupBy(h => (h.Item1.TenantId, h.Item1.DeliveryId))
            .Select(g => g.Last().Item2)
            .Where(r => r.Outcome == DeliverOutcome.RetryScheduled && r.Delivery is not null)
            .Select(r => r.Delivery!)
            .OrderBy(d => d.NextAttemptAt)
            .ToList();
        var pendingEvaluations = (int)await work.CountAsync(WorkStage.Evaluate, cancellationToken);
        var pendingDeliveries = (int)await work.CountAsync(WorkStage.Deliver, cancellationToken);
        return new BatchReport(summary.Accepted, summary.Duplicates, summary.Rejected, [.. alerts], [.. handled], retries, pendingEvaluations, pendingDeliveries);
    }

    /// <summary>How replay worked before it streamed: each event handled to the end before the next is read (kept for comparisons).</summary>
    private static async Task<IngestSummary> OneByOneAsync(InProcessPipeline pipeline, IEnumerable<MarketEvent> events, CancellationToken cancellationToken)
    {
        var summary = new IngestSummary(0, 0, []);
        foreach (var marketEvent in IngestHandler.InTimeOrder(events))
        {
            var one = await pipeline.IngestBatchAsync([marketEvent], cancellationToken);
            await pipeline.WhenIdleAsync(cancellationToken);
            summary = new IngestSummary(summary.Accepted + one.Accepted, summary.Duplicates + one.Duplicates, [.. summary.Rejected, .. one.Rejected]);
        }

        return summary;
    }
}
