using Alerts.Core.Holding;
using Alerts.Core.Ports;

namespace Alerts.Core.Handlers;

public sealed record SweepResult(IReadOnlyList<EvaluateMessage> Evaluations, IReadOnlyList<DeliverMessage> Deliveries);

/// <summary>
/// The sweep: any pending row whose due time has passed is sent again (a scheduled retry that is now due, or a message that
/// was lost), and its due time is pushed out by the redelivery grace so the next sweep does not send it twice. Batches of
/// held deliveries whose quiet hours ended or digest time came are released on the same sweep.
/// </summary>
public sealed class RetryDueHandler(IWorkRepository work, HeldDeliveryReleaser releaser, PipelineOptions options, TimeProvider time)
{
    /// <param name="everything">At start-up every pending row is re-enqueued, due or not; the stages skip what is not yet due.</param>
    public async Task<SweepResult> HandleAsync(bool everything, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var evaluations = new List<EvaluateMessage>();
        var deliveries = new List<DeliverMessage>();
        await foreach (var item in DueAsync(WorkStage.Evaluate, now, everything, cancellationToken))
        {
            evaluations.Add(new EvaluateMessage(item.Key));
        }

        await foreach (var item in DueAsync(WorkStage.Deliver, now, everything, cancellationToken))
        {
            var (tenantId, deliveryId) = WorkItem.ParseDeliveryKey(item.Key);
            deliveries.Add(new DeliverMessage(tenantId, deliveryId));
        }

        deliveries.AddRange(await releaser.ReleaseDueAsync(cancellationToken));
        return new SweepResult(evaluations, deliveries);
    }

    private async IAsyncEnumerable<WorkItem> DueAsync(
        WorkStage stage, DateTimeOffset now, bool everything, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var due = new List<WorkItem>();
        var pending = everything ? work.ListAsync(stage, cancellationToken) : work.ListDueAsync(stage, now, cancellationToken);
        await foreach (var item in pending)
        {
            due.Add(item);
        }

        foreach (var item in due)
        {
            await work.PutAsync(item with { DueAt = now + options.RedeliveryGrace }, cancellationToken);
            yield return item;
        }
    }
}
