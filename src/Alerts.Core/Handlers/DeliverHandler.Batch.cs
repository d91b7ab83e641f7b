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
        var steps = await BeginBatchAsync(batch, transactions, cancellationToken);
        var results = steps.Select(step => step.Done).ToArray();
        var leases = steps.Select(step => step.Lease).ToArray();

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

        var finished = Enumerable.Range(0, batch.Count).Where(i => sent[i] is not null).ToList();
        if (finished.Count > 0)
        {
            var recorded = await FinishBatchAsync([.. finished.Select(i => (leases[i]!, sent[i]!))], transactions);
            for (var k = 0; k < finished.Count; k++)
            {
                results[finished[k]] = recorded[k];
            }
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
