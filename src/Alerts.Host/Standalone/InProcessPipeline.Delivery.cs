using System.Diagnostics;
using System.Threading.Channels;
using Alerts.Core.Handlers;
using Alerts.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace Alerts.Host.Standalone;

/// <summary>
/// The delivery stage, streamed: pumps take what is queued and begin it as a batch (settled at once, or leased), each leased
/// delivery is sent on its own as soon as one of <c>DeliveryWorkers</c> send slots is free, and a recorder writes whatever sends
/// have finished in one transaction. No send waits for another: a slow endpoint holds up only its own deliveries.
/// </summary>
public sealed partial class InProcessPipeline
{
    private const int MaxRecordBatch = 512;

    private readonly Channel<SentDelivery> _sent = Channel.CreateUnbounded<SentDelivery>(new UnboundedChannelOptions { SingleReader = true });
    private readonly InFlight _sending = new();
    private SemaphoreSlim? _sendSlots;
    private Task? _recorder;

    /// <summary>A finished send waiting to be recorded, with the span it ran under.</summary>
    private sealed record SentDelivery(DeliverMessage Message, DeliverHandler.Lease Lease, DeliverHandler.Sent Sent, Activity? Span);

    private void StartDelivery(int deliveryWorkers)
    {
        _sendSlots = new SemaphoreSlim(Math.Max(1, deliveryWorkers));
        var pumps = Math.Clamp(deliveryWorkers, 1, MaxDeliveryPumps);
        var perBatch = Math.Max(1, deliveryWorkers / pumps);
        for (var i = 0; i < pumps; i++)
        {
            _pumps.Add(Task.Run(() => BatchPump.RunAsync(_deliver.Reader, perBatch, BeginDeliveriesAsync, _draining.Token)));
        }

        // Not stopped by draining: it records every send that finishes, until the last one has (see DrainAsync).
        _recorder = Task.Run(() => BatchPump.RunAsync(_sent.Reader, MaxRecordBatch, RecordAsync, CancellationToken.None));
    }

    /// <summary>Waits for the pumps, then for the sends they started, then for those sends to be recorded.</summary>
    private async Task DrainAsync()
    {
        await Task.WhenAll(_pumps);
        await _sending.WhenIdleAsync(CancellationToken.None);
        _sent.Writer.TryComplete();
        if (_recorder is not null)
        {
            await _recorder;
        }
    }

    private async Task BeginDeliveriesAsync(List<DeliverMessage> batch)
    {
        var spans = StartSpans(batch, message => AlertsTelemetry.StartStage(
            "DeliverAlert", message.TraceParent, ("alerts.tenant_id", message.TenantId), ("alerts.delivery_id", message.DeliveryId)));
        var steps = await BeginAsync(batch);
        for (var i = 0; i < batch.Count; i++)
        {
            switch (steps[i])
            {
                case { Done: { } done }:
                    Report(batch[i], spans[i], done);
                    Finished(spans[i]);
                    break;
                case { Lease: { } lease }:
                    // Not cancellable: once stopping, the sends in flight end at once, and so does this one (giving its lease back).
                    await _sendSlots!.WaitAsync();
                    _sending.Add(+1);
                    _ = SendAsync(batch[i], lease, spans[i]);
                    break;
                default:
                    Finished(spans[i]); // failed alone: its pending row brings it back
                    break;
            }
        }
    }

    /// <summary>Begins a batch; when its transaction fails, each message alone, so one bad message fails only itself.</summary>
    private Task<DeliverStep?[]> BeginAsync(List<DeliverMessage> batch) => WholeOrEachAsync(
        batch, "delivery", part => _deliverer.BeginBatchAsync(part, _transactions, _stopping.Token), LogBeginFailed);

    /// <summary>
    /// Sends one delivery and queues what it did for the recorder, which frees its slot once that is written: a slot is held
    /// from lease to record, so a crash can repeat at most <c>DeliveryWorkers</c> sends.
    /// </summary>
    private async Task SendAsync(DeliverMessage message, DeliverHandler.Lease lease, Activity? span)
    {
        try
        {
            Activity.Current = span ?? Activity.Current;
            var sent = await _deliverer.SendAsync(lease, message, _stopping.Token);
            _sent.Writer.TryWrite(new SentDelivery(message, lease, sent, span));
            return;
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            LogReleased(_logger, 1);
        }
        catch (Exception exception)
        {
            // Still leased: the sweep (or the next start) sends it again once the lease runs out.
            LogMessageFailed(_logger, exception, message.ToString());
        }
        finally
        {
            _sending.Add(-1);
        }

        _sendSlots!.Release();
        Finished(span);
    }

    /// <summary>Records finished sends; one left unrecorded stays leased and is sent again after its lease (same webhook-id).</summary>
    private async Task RecordAsync(List<SentDelivery> finished)
    {
        var results = await WholeOrEachAsync(
            finished, "recording", part => _deliverer.FinishBatchAsync([.. part.Select(f => (f.Lease, f.Sent))], _transactions),
            (exception, sent) => LogMessageFailed(_logger, exception, sent.Message.ToString()));
        for (var i = 0; i < finished.Count; i++)
        {
            if (results[i] is { } result)
            {
                Report(finished[i].Message, finished[i].Span, result);
            }

            Finished(finished[i].Span);
        }

        _sendSlots!.Release(finished.Count);
    }

    /// <summary>
    /// Runs a step on a whole batch, whose writes share one transaction; when that throws (nothing of it was written), on each item
    /// alone, so one bad item fails only itself. A failed item's result is null, and <paramref name="failed"/> reports it.
    /// </summary>
    private async Task<TResult?[]> WholeOrEachAsync<T, TResult>(
        List<T> batch, string stage, Func<IReadOnlyList<T>, Task<IReadOnlyList<TResult>>> step, Action<Exception, T> failed)
        where TResult : class
    {
        try
        {
            return [.. await step(batch)];
        }
        catch (Exception exception) when (batch.Count > 1 && exception is not OperationCanceledException)
        {
            LogBatchSplit(_logger, exception, stage, batch.Count);
        }
        catch (Exception exception)
        {
            batch.ForEach(item => failed(exception, item));
            return new TResult?[batch.Count];
        }

        var results = new TResult?[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            try
            {
                results[i] = (await step([batch[i]]))[0];
            }
            catch (Exception exception)
            {
                failed(exception, batch[i]);
            }
        }

        return results;
    }

    private void Report(DeliverMessage message, Activity? span, DeliverResult result)
    {
        AlertsTelemetry.Delivered(span, result, _time.GetUtcNow());
        try
        {
            DeliveryHandled?.Invoke(message, result);
        }
        catch (Exception exception)
        {
            // A listener's failure must not stop the pump or the recorder: what was delivered stays recorded.
            LogMessageFailed(_logger, exception, message.ToString());
        }
    }

    /// <summary>One message is done with, whatever became of it.</summary>
    private void Finished(Activity? span)
    {
        span?.Dispose();
        _inFlight.Add(-1);
    }

    private void LogBeginFailed(Exception exception, DeliverMessage message)
    {
        if (exception is OperationCanceledException)
        {
            LogReleased(_logger, 1);
        }
        else
        {
            LogMessageFailed(_logger, exception, message.ToString());
        }
    }
}
