using Alerts.Core.Model;
using Alerts.Core.Ports;
using Alerts.Core.Rules;
using Alerts.Core.Rules.Market;

namespace Alerts.Core.Handlers;

public sealed partial class EvaluateHandler
{
    /// <summary>
    /// Evaluates a batch of queued events as one unit: events the caller does not hold are read and every event is matched
    /// first, then all decisions, rule states, alerts, deliveries and pending rows are written in one transaction (the same
    /// steps, in the same state-first order, as <see cref="HandleAsync(MarketEvent, CancellationToken)"/>, so events that
    /// share a rule and subject see each other's state in batch order). Results come back in the batch's order. When the
    /// batch throws, nothing of it was written: the caller can evaluate its events one at a time.
    /// </summary>
    public async Task<IReadOnlyList<EvaluateResult>> HandleBatchAsync(
        IReadOnlyList<(EvaluateMessage Message, MarketEvent? Event)> batch, IPipelineTransactions transactions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(transactions);
        var snapshot = await catalog.GetAsync(cancellationToken);
        var results = new EvaluateResult[batch.Count];
        // Every event's matches go into one buffer (announcements without a list of their own), and each
        // event keeps its range of the batch's single array.
        var found = new List<(int Index, MarketEvent Event, int Start, int Count)>(batch.Count);
        var buffer = new List<RuleMatch>(batch.Count);
        var missing = new List<string>();
        for (var i = 0; i < batch.Count; i++)
        {
            var (message, known) = batch[i];
            if ((known ?? await events.GetAsync(message.EventId, cancellationToken)) is { } marketEvent)
            {
                var start = buffer.Count;
                var count = snapshot.Rules.Match(marketEvent, buffer);
                found.Add((i, marketEvent, start, count));
                continue;
            }

            LogMissingEvent(logger, message.EventId);
            missing.Add(message.EventId);
            results[i] = EvaluateResult.Nothing;
        }

        var all = buffer.ToArray();
        var matched = found.ConvertAll(f => (f.Index, f.Event, Matches: new ArraySegment<RuleMatch>(all, f.Start, f.Count)));

        // Price history is written through its own store calls, so it is read and recorded before the batch's transaction
        // (a write queued behind the open transaction would wait for it forever); events are taken in order, as live.
        var markets = new IMarketView?[batch.Count];
        foreach (var (index, marketEvent, matches) in matched)
        {
            markets[index] = await MarketViewAsync(snapshot.Rules, matches, marketEvent, cancellationToken);
        }

        await transactions.RunAsync(async repositories =>
        {
            var inTransaction = new EvaluateHandler(
                repositories.Events, repositories.RuleStates, repositories.Alerts, repositories.Deliveries, repositories.Work, repositories.Held, catalog, options, time, logger, history);
            foreach (var eventId in missing)
            {
                await repositories.Work.RemoveAsync(WorkStage.Evaluate, eventId, cancellationToken);
            }

            foreach (var (index, marketEvent, matches) in matched)
            {
                results[index] = await inTransaction.EvaluateAsync(marketEvent, snapshot, matches, markets[index], cancellationToken);
            }

            return results.Length;
        }, cancellationToken);
        return results;
    }
}
