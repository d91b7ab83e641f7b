using Alerts.Core.Model;
using Alerts.Core.Notifications;
using Alerts.Core.Ports;

namespace Alerts.Core.Handlers;

/// <summary>The first step's answer for one message: settled at once (<see cref="Done"/>), or leased for a send.</summary>
public sealed record DeliverStep(DeliverResult? Done, DeliverHandler.Lease? Lease);

/// <summary>
/// The three steps of an attempt as a driver that batches its store writes runs them: begin a batch (settle or lease each
/// message, in one transaction), send each leased delivery on its own, and record whatever sends have finished, in one
/// transaction. A slow send then holds up only itself. The guarantees are those of <see cref="HandleAsync"/>.
/// </summary>
public sealed partial class DeliverHandler
{
    /// <summary>A delivery this worker holds: its leased copy, the ETag the lease left, and its pending row's key.</summary>
    public sealed record Lease(Delivery Delivery, string ETag, string WorkKey);

    /// <summary>What one send came to, how long it took, and the channel it went to (when it still exists).</summary>
    public sealed record Sent(DeliveryResult Result, TimeSpan Latency, Channel? Channel);

    /// <summary>
    /// Settles or leases each message: a delivery an in-memory hand-off leased at insert is held without a write; the others are
    /// read and leased in one transaction. Results come back in the batch's order.
    /// </summary>
    public async Task<IReadOnlyList<DeliverStep>> BeginBatchAsync(
        IReadOnlyList<DeliverMessage> batch, IPipelineTransactions transactions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(transactions);
        var steps = new DeliverStep[batch.Count];
        var now = time.GetUtcNow();
        var toBegin = new List<int>(batch.Count);
        var handedOverIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < batch.Count; i++)
        {
            // A second copy of a hand-off in one batch is read like any other message: it finds the delivery leased.
            if (HandOffLease(batch[i], now) is { } handedOver && handedOverIds.Add(handedOver.WorkKey))
            {
                steps[i] = new DeliverStep(null, handedOver);
            }
            else
            {
                toBegin.Add(i);
            }
        }

        if (toBegin.Count > 0)
        {
            await transactions.RunAsync(async repositories =>
            {
                var inTransaction = InTransaction(repositories);
                foreach (var i in toBegin)
                {
                    var (done, lease) = await inTransaction.BeginAsync(batch[i], cancellationToken);
                    steps[i] = new DeliverStep(done, lease);
                }

                return toBegin.Count;
            }, cancellationToken);
        }

        return steps;
    }

    /// <summary>
    /// Sends one leased delivery (the alert the message carries saves a read). Cancelled by shutdown, it gives the lease back
    /// and throws; any other failure is a result to record.
    /// </summary>
    public Task<Sent> SendAsync(Lease lease, DeliverMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(message);
        return SendAsync(lease.Delivery, lease.ETag, message.Alert, cancellationToken);
    }

    /// <summary>
    /// Records finished sends (attempt, outcome, pending row, and a channel the endpoint said is gone) in one transaction. Not
    /// cancellable: these sends happened. When it throws nothing was recorded, and each can be recorded again on its own.
    /// </summary>
    public async Task<IReadOnlyList<DeliverResult>> FinishBatchAsync(IReadOnlyList<(Lease Lease, Sent Sent)> finished, IPipelineTransactions transactions)
    {
        ArgumentNullException.ThrowIfNull(finished);
        ArgumentNullException.ThrowIfNull(transactions);
        var results = new DeliverResult[finished.Count];
        await transactions.RunAsync(async repositories =>
        {
            var inTransaction = InTransaction(repositories);
            for (var i = 0; i < finished.Count; i++)
            {
                results[i] = await inTransaction.FinishAsync(finished[i].Lease, finished[i].Sent, CancellationToken.None);
            }

            return finished.Count;
        }, CancellationToken.None);
        return results;
    }

    private DeliverHandler InTransaction(PipelineRepositories repositories) => new(
        repositories.Deliveries, repositories.Attempts, repositories.Alerts, repositories.Channels, catalog, repositories.Work,
        _notifiers.Values, schedule, breaker, options, time, logger)
    {
        Jitter = Jitter,
    };
}
