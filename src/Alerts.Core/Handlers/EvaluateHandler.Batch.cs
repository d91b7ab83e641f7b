using Alerts.Core.Model;
using Alerts.Core.Ports;
using Alerts.Core.Rules;

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
        var matched = new List<(int Index, MarketEvent Event, RuleMatch[] Matches)>(batch.Count);
        var missing = new List<string>();
        for (var i = 0; i < batch.Count; i++)
        {
            var (message, known) = batch[i];
            if ((known ?? await events.GetAsync(message.EventId, cancellationToken)) is { } marketEvent)
            {
                matched.Add((i, marketEvent, [.. snapshot.Rules.Match(marketEvent)]));
                continue;
            }

            LogMissingEvent(logger, message.EventId);
            missing.Add(message.EventId);
            results[i] = EvaluateResult.Nothing;
        }

        await transactions.RunAsync(async repositories =>
        {
            var inTransaction = new EvaluateHandler(
                repositories.Events, repositories.RuleStates, repositories.Alerts, repositories.Deliveries, repositories.Work, repositories.Held, catalog, options, time, logger);
            foreach (var eventId in missing)
            {
                await repositories.Work.RemoveAsync(WorkStage.Evaluate, eventId, cancellationToken);
            }

            foreach (var (index, marketEvent, matches) in matched)
            {
                results[index] = await inTransaction.EvaluateAsync(marketEvent, snapshot, matches, cancellationToken);
            }

            return results.Length;
        }, cancellationToken);
        return results;
    }
}
