using Alerts.Core.Handlers;
using Alerts.Core.Ports;

namespace Alerts.Core.Tests.Handlers;

/// <summary>
/// The delivery steps composed as the standalone driver runs them, without its queues: begin the batch, send every leased
/// delivery at once, record what the sends did. Results come back in the batch's order.
/// </summary>
internal static class DeliverBatch
{
    public static async Task<IReadOnlyList<(DeliverMessage Message, DeliverResult? Result)>> RunAsync(
        DeliverHandler handler, IReadOnlyList<DeliverMessage> batch, IPipelineTransactions transactions, CancellationToken cancellationToken)
    {
        var steps = await handler.BeginBatchAsync(batch, transactions, cancellationToken);
        var sends = steps.Select((step, i) => step.Lease is { } lease ? handler.SendAsync(lease, batch[i], cancellationToken) : null).ToArray();
        var results = steps.Select(step => step.Done).ToArray();
        var finished = new List<(int Index, DeliverHandler.Lease Lease, DeliverHandler.Sent Sent)>();
        for (var i = 0; i < sends.Length; i++)
        {
            if (sends[i] is { } send)
            {
                finished.Add((i, steps[i].Lease!, await send));
            }
        }

        var recorded = await handler.FinishBatchAsync([.. finished.Select(f => (f.Lease, f.Sent))], transactions);
        for (var k = 0; k < finished.Count; k++)
        {
            results[finished[k].Index] = recorded[k];
        }

        return [.. batch.Select((message, i) => (message, results[i]))];
    }
}
