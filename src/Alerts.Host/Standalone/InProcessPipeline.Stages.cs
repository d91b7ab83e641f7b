using System.Diagnostics;
using Alerts.Core.Handlers;
using Alerts.Core.Telemetry;
using MarketEvent = Alerts.Core.Model.MarketEvent;
using Microsoft.Extensions.Logging;

namespace Alerts.Host.Standalone;

/// <summary>The evaluation stage: evaluate a lane's batch of events and queue their deliveries.</summary>
public sealed partial class InProcessPipeline
{
    private async Task EvaluateBatchAsync(List<(EvaluateMessage Message, MarketEvent? Event)> batch, CancellationToken cancellationToken)
    {
        var spans = StartSpans(batch, item => AlertsTelemetry.StartStage("EvaluateEvent", item.Message.TraceParent, ("alerts.event_id", item.Message.EventId)));
        try
        {
            IReadOnlyList<EvaluateResult> results;
            try
            {
                results = await _evaluator.HandleBatchAsync(batch, _transactions, cancellationToken);
            }
            catch (Exception exception) when (batch.Count > 1 && exception is not OperationCanceledException)
            {
                // Nothing of the batch was written: evaluate its events one at a time, so one bad event fails only itself.
                LogBatchSplit(_logger, exception, "evaluation", batch.Count);
                results = await EvaluateOneByOneAsync(batch, cancellationToken);
            }

            for (var i = 0; i < batch.Count; i++)
            {
                AlertsTelemetry.Evaluated(spans[i], results[i]);
                foreach (var alert in results[i].Alerts)
                {
                    AlertRaised?.Invoke(alert);
                }

                // Each delivery carries its own event's evaluation span as its parent.
                var outer = Activity.Current;
                Activity.Current = spans[i] ?? outer;
                try
                {
                    foreach (var delivery in results[i].Deliveries)
                    {
                        await EnqueueAsync(delivery, cancellationToken);
                    }
                }
                finally
                {
                    Activity.Current = outer;
                }
            }
        }
        finally
        {
            Dispose(spans);
        }
    }

    private async Task<IReadOnlyList<EvaluateResult>> EvaluateOneByOneAsync(List<(EvaluateMessage Message, MarketEvent? Event)> batch, CancellationToken cancellationToken)
    {
        var results = new EvaluateResult[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            try
            {
                results[i] = batch[i].Event is { } known
                    ? await _evaluator.HandleAsync(known, cancellationToken)
                    : await _evaluator.HandleAsync(batch[i].Message, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Its pending row stays: the sweep evaluates it again after the redelivery grace.
                LogMessageFailed(_logger, exception, batch[i].Message.ToString());
                results[i] = EvaluateResult.Nothing;
            }
        }

        return results;
    }

    /// <summary>One span per message, each a child of the span its producer stamped on it (none is left current).</summary>
    private static Activity?[] StartSpans<T>(List<T> batch, Func<T, Activity?> start)
    {
        var outer = Activity.Current;
        var spans = new Activity?[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            spans[i] = start(batch[i]);
            Activity.Current = outer;
        }

        return spans;
    }

    private static void Dispose(Activity?[] spans)
    {
        foreach (var span in spans)
        {
            span?.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} failed in {Stage} and is handled one message at a time")]
    private static partial void LogBatchSplit(ILogger logger, Exception exception, string stage, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling {Message} failed; its pending row will be retried by the sweep")]
    private static partial void LogMessageFailed(ILogger logger, Exception? exception, string message);
}
