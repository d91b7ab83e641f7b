using System.Collections.Concurrent;
using Alerts.Core.Handlers;
using Alerts.Core.Model;

namespace Alerts.Host.Standalone;

/// <summary>What feeding a batch of events through the pipeline did.</summary>
public sealed record BatchReport(
    int Accepted,
    int Duplicates,
    IReadOnlyList<string> Rejected,
    IReadOnlyList<Alert> Alerts,
    IReadOnlyList<(DeliverMessage Message, DeliverResult Result)> Deliveries);

/// <summary>Feeds events through an in-process pipeline (recovering pending work first) and waits until it is quiet.</summary>
public static class BatchRun
{
    public static async Task<BatchReport> RunAsync(InProcessPipeline pipeline, IEnumerable<MarketEvent> events, int deliveryWorkers, bool deliveryEnabled, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var alerts = new ConcurrentQueue<Alert>();
        var deliveries = new ConcurrentQueue<(DeliverMessage, DeliverResult)>();
        pipeline.AlertRaised += alerts.Enqueue;
        pipeline.DeliveryHandled += (message, result) => deliveries.Enqueue((message, result));
        pipeline.Start(deliveryWorkers, deliveryEnabled);
        await pipeline.RecoverAsync(everything: true, cancellationToken);

        int accepted = 0, duplicates = 0;
        var rejected = new List<string>();
        foreach (var marketEvent in events.OrderBy(e => e.OccurredAt))
        {
            // One at a time, in time order: price rules keep state per symbol and must see ticks in sequence.
            var result = await pipeline.IngestAsync(marketEvent, cancellationToken);
            switch (result.Outcome)
            {
                case IngestOutcome.Accepted:
                    accepted++;
                    await pipeline.WhenIdleAsync(cancellationToken);
                    break;
                case IngestOutcome.Duplicate:
                    duplicates++;
                    break;
                default:
                    rejected.Add($"{marketEvent.Id}: {result.Problem}");
                    break;
            }
        }

        await pipeline.WhenIdleAsync(cancellationToken);
        await pipeline.StopAsync(TimeSpan.FromSeconds(30));
        return new BatchReport(accepted, duplicates, rejected, [.. alerts], [.. deliveries]);
    }
}
