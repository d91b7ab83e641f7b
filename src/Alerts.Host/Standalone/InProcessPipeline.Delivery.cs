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
    private async Task<IReadOnlyList<DeliverStep?>> BeginAsync(List<DeliverMessage> batch)
    {
        try
        {
            return await _deliverer.BeginBatchAsync(batch, _transactions, _stopping.Token);
        }
        catch (Exception exception) when (batch.Count > 1 && exception is not OperationCanceledException)
        {
            LogBatchSplit(_logger, exception, "delivery", batch.Count);
        }
        catch (Exception exception)
        {
            LogBeginFailed(exception, batch);
            return new DeliverStep?[batch.Count];
        }

        var steps = new DeliverStep?[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            try
            {
                steps[i] = (await _deliverer.BeginBatchAsync([batch[i]], _transactions, _stopping.Token))[0];
            }
            catch (Exception exception)
            {
                LogBeginFailed(exception, [batch[i]]);
            }
        }

        return steps;
    }

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

    private async Task RecordAsync(List<SentDelivery> finished)
    {
        var results = new DeliverResult?[finished.Count];
        try
        {
            var recorded = await _deliverer.FinishBatchAsync([.. finished.Select(f => (f.Lease, f.Sent))], _transactions);
            for (var i = 0; i < recorded.Count; i++)
            {
                results[i] = recorded[i];
            }
        }
        catch (Exception exception) when (finished.Count > 1)
        {
            LogBatchSplit(_logger, exception, "recording", finished.Count);
            for (var i = 0; i < finished.Count; i++)
            {
                results[i] = await RecordOneAsync(finished[i]);
            }
        }
        catch (Exception exception)
        {
            LogMessageFailed(_logger, exception, finished[0].Message.ToString());
        }

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

    private async Task<DeliverResult?> RecordOneAsync(SentDelivery finished)
    {
        try
        {
            return (await _deliverer.FinishBatchAsync([(finished.Lease, finished.Sent)], _transactions))[0];
        }
        catch (Exception exception)
        {
            // Still leased: sent again once the lease runs out (a duplicate with the same webhook-id, never a loss).
            LogMessageFailed(_logger, exception, finished.Message.ToString());
            return null;
        }
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

    private void LogBeginFailed(Exception exception, IEnumerable<DeliverMessage> messages)
    {
        foreach (var message in messages)
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
}
