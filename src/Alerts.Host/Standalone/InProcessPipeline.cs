using System.Threading.Channels;
using Alerts.Core.Handlers;
using Alert = Alerts.Core.Model.Alert;
using MarketEvent = Alerts.Core.Model.MarketEvent;
using Microsoft.Extensions.Logging;

namespace Alerts.Host.Standalone;

/// <summary>
/// The standalone driver's queues: System.Threading.Channels in place of Service Bus, pumped by background workers that call the
/// same handlers the Functions app calls. Every message is backed by a pending row in the store, so whatever is in a channel
/// when the process dies is re-enqueued by <see cref="RecoverAsync"/> on the next start.
/// </summary>
public sealed partial class InProcessPipeline : IAsyncDisposable
{
    private readonly Channel<EvaluateMessage> _evaluate = Channel.CreateUnbounded<EvaluateMessage>();
    private readonly Channel<DeliverMessage> _deliver = Channel.CreateUnbounded<DeliverMessage>();
    private readonly IngestHandler _ingest;
    private readonly EvaluateHandler _evaluator;
    private readonly DeliverHandler _deliverer;
    private readonly RetryDueHandler _sweep;
    private readonly ILogger<InProcessPipeline> _logger;
    private readonly CancellationTokenSource _draining = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _pumps = [];
    private readonly object _idleGate = new();
    private int _inFlight;
    private TaskCompletionSource _idle = NewIdle(completed: true);

    public InProcessPipeline(IngestHandler ingest, EvaluateHandler evaluator, DeliverHandler deliverer, RetryDueHandler sweep, ILogger<InProcessPipeline> logger)
    {
        _ingest = ingest;
        _evaluator = evaluator;
        _deliverer = deliverer;
        _sweep = sweep;
        _logger = logger;
    }

    /// <summary>Raised for every alert an evaluation produced (new or replayed).</summary>
    public event Action<Alert>? AlertRaised;

    /// <summary>Raised after every delivery attempt or decision.</summary>
    public event Action<DeliverMessage, DeliverResult>? DeliveryHandled;

    public bool DeliveryEnabled { get; private set; }

    public void Start(int deliveryWorkers, bool deliveryEnabled)
    {
        DeliveryEnabled = deliveryEnabled;
        _pumps.Add(Task.Run(() => PumpAsync(_evaluate.Reader, EvaluateAsync)));
        if (deliveryEnabled)
        {
            for (var i = 0; i < Math.Max(1, deliveryWorkers); i++)
            {
                _pumps.Add(Task.Run(() => PumpAsync(_deliver.Reader, DeliverAsync)));
            }
        }
    }

    public async Task<IngestResult> IngestAsync(MarketEvent marketEvent, CancellationToken cancellationToken)
    {
        var result = await _ingest.HandleAsync(marketEvent, cancellationToken);
        if (result.Message is { } message)
        {
            Enqueue(message);
        }

        return result;
    }

    /// <summary>Re-enqueues pending rows: all of them at start-up, the due ones on each sweep.</summary>
    public async Task<int> RecoverAsync(bool everything, CancellationToken cancellationToken)
    {
        var sweep = await _sweep.HandleAsync(everything, cancellationToken);
        foreach (var message in sweep.Evaluations)
        {
            Enqueue(message);
        }

        foreach (var message in sweep.Deliveries)
        {
            Enqueue(message);
        }

        return sweep.Evaluations.Count + sweep.Deliveries.Count;
    }

    /// <summary>Completes when no message is queued or being handled (scheduled retries wait in the store and do not count).</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        lock (_idleGate)
        {
            return _idle.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Stops taking new messages, lets in-flight handlers finish (or release their leases), and returns.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        // Queued messages are not drained: their pending rows bring them back on the next start.
        await _draining.CancelAsync();
        _evaluate.Writer.TryComplete();
        _deliver.Writer.TryComplete();
        var all = Task.WhenAll(_pumps);
        if (await Task.WhenAny(all, Task.Delay(timeout)) != all)
        {
            await _stopping.CancelAsync();
            await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(5)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        _stopping.Dispose();
        _draining.Dispose();
    }

    private void Enqueue(EvaluateMessage message)
    {
        Track(+1);
        if (!_evaluate.Writer.TryWrite(message))
        {
            Track(-1);
        }
    }

    private void Enqueue(DeliverMessage message)
    {
        if (!DeliveryEnabled)
        {
            return; // stays pending in the store until delivery is enabled again
        }

        Track(+1);
        if (!_deliver.Writer.TryWrite(message))
        {
            Track(-1);
        }
    }

    private async Task EvaluateAsync(EvaluateMessage message, CancellationToken cancellationToken)
    {
        var result = await _evaluator.HandleAsync(message, cancellationToken);
        foreach (var alert in result.Alerts)
        {
            AlertRaised?.Invoke(alert);
        }

        foreach (var delivery in result.Deliveries)
        {
            Enqueue(delivery);
        }
    }

    private async Task DeliverAsync(DeliverMessage message, CancellationToken cancellationToken)
    {
        var result = await _deliverer.HandleAsync(message, cancellationToken);
        DeliveryHandled?.Invoke(message, result);
    }

    private async Task PumpAsync<T>(ChannelReader<T> reader, Func<T, CancellationToken, Task> handle)
    {
        while (await WaitToReadAsync(reader))
        {
            if (!reader.TryRead(out var message))
            {
                continue;
            }

            try
            {
                await handle(message, _stopping.Token);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                LogReleased(_logger, message?.ToString());
            }
            catch (Exception exception)
            {
                // The pending row stays in the store; the sweep sends the message again after the redelivery grace.
                LogFailed(_logger, exception, message?.ToString());
            }
            finally
            {
                Track(-1);
            }
        }
    }

    private async Task<bool> WaitToReadAsync<T>(ChannelReader<T> reader)
    {
        try
        {
            return !_draining.IsCancellationRequested && await reader.WaitToReadAsync(_draining.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Track(int delta)
    {
        lock (_idleGate)
        {
            _inFlight += delta;
            if (_inFlight == 0)
            {
                _idle.TrySetResult();
            }
            else if (_idle.Task.IsCompleted)
            {
                _idle = NewIdle(completed: false);
            }
        }
    }

    private static TaskCompletionSource NewIdle(bool completed)
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            source.SetResult();
        }

        return source;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling {Message} failed; its pending row will be retried by the sweep")]
    private static partial void LogFailed(ILogger logger, Exception exception, string? message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutdown interrupted {Message}; it stays pending for the next start")]
    private static partial void LogReleased(ILogger logger, string? message);
}
