using System.Diagnostics;
using Alerts.Core.Ports;

namespace Alerts.Core.Handlers;

/// <summary>What a batch did with one of its deliveries: a result, or the exception that left it pending for the sweep.</summary>
public sealed record DeliverBatchItem(DeliverMessage Message, DeliverResult? Result, Exception? Error);

public sealed partial class DeliverHandler
{
    /// <summary>
    /// One attempt at each delivery of a batch, with the same steps and guarantees as <see cref="HandleAsync"/>: the deliveries
    /// are read and leased in one transaction (those an in-memory hand-off leased at insert need neither), sent concurrently (at most <see cref="PipelineOptions.SendsPerEndpoint"/> to one
    /// endpoint at a time), and every attempt, outcome and pending-row change is recorded in a second transaction. A send cut
    /// off by shutdown gives its lease back and is rethrown once the others are recorded.
    /// </summary>
    /// <param name="spans">When given, each send runs under its delivery's span (one per message, in batch order).</param>
    public async Task<IReadOnlyList<DeliverBatchItem>> HandleBatchAsync(
        IReadOnlyList<DeliverMessage> batch, IPipelineTransactions transactions, CancellationToken cancellationToken, IReadOnlyList<Activity?>? spans = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(transactions);
        var results = new DeliverResult?[batch.Count];
        var leases = new Lease?[batch.Count];
        var now = time.GetUtcNow();
        var toBegin = new List<int>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            leases[i] = HandOffLease(batch[i], now);
            if (leases[i] is null)
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
                    (results[i], leases[i]) = await inTransaction.BeginAsync(batch[i], cancellationToken);
                }

                return toBegin.Count;
            }, cancellationToken);
        }

        var sends = new Task<Sent>?[batch.Count];
        var outer = Activity.Current;
        for (var i = 0; i < batch.Count; i++)
        {
            if (leases[i] is { } lease)
            {
                Activity.Current = spans?[i] ?? outer;
                sends[i] = SendAsync(lease.Delivery, lease.ETag, batch[i].Alert, cancellationToken);
            }
        }

        Activity.Current = outer;
        var sent = new Sent?[batch.Count];
        var errors = new Exception?[batch.Count];
        OperationCanceledException? stopped = null;
        for (var i = 0; i < sends.Length; i++)
        {
            try
            {
                sent[i] = sends[i] is { } send ? await send : null;
            }
            catch (OperationCanceledException exception) when (cancellationToken.IsCancellationRequested)
            {
                stopped = exception;
                errors[i] = exception;
            }
            catch (Exception exception)
            {
                // Still leased: the sweep sends it again once the lease runs out, as after any failed handler run.
                errors[i] = exception;
            }
        }

        if (sent.Any(s => s is not null))
        {
            // Not cancellable: these sends happened, and what they did must be recorded even while shutting down.
            await transactions.RunAsync(async repositories =>
            {
                var inTransaction = InTransaction(repositories);
                for (var i = 0; i < batch.Count; i++)
                {
                    if (sent[i] is { } done)
                    {
                        results[i] = await inTransaction.FinishAsync(leases[i]!, done, CancellationToken.None);
                    }
                }

                return batch.Count;
            }, CancellationToken.None);
        }

        if (stopped is not null)
        {
            throw stopped;
        }

        return [.. batch.Select((message, i) => new DeliverBatchItem(message, results[i], errors[i]))];
    }

    private DeliverHandler InTransaction(PipelineRepositories repositories) => new(
        repositories.Deliveries, repositories.Attempts, repositories.Alerts, repositories.Channels, catalog, repositories.Work,
        _notifiers.Values, schedule, breaker, options, time, logger)
    {
        Jitter = Jitter,
    };
}
