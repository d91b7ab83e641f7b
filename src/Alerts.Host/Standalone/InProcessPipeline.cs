using System.Threading.Channels;
using Alerts.Core.Handlers;
using Alerts.Core.Ports;
using Alerts.Core.Telemetry;
using Alerts.Hosting.Configuration;
using Alert = Alerts.Core.Model.Alert;
using MarketEvent = Alerts.Core.Model.MarketEvent;
using Microsoft.Extensions.Logging;

namespace Alerts.Host.Standalone;

/// <summary>What one batch of events did at ingest.</summary>
public sealed record IngestSummary(int Accepted, int Duplicates, IReadOnlyList<string> Rejected);

/// <summary>
/// The standalone driver's queues: bounded System.Threading.Channels in place of Storage Queues, pumped by background workers that
/// call the same handlers the Functions app calls. Evaluation runs in lanes keyed by symbol (ticks) or first issuer
/// (announcements), so one subject's events are evaluated in order while different subjects run in parallel; deliveries are
/// streamed: at most <c>DeliveryWorkers</c> sends in flight, each recorded as soon as it finishes, with whatever else finished.
/// Each pump drains what is queued (up to a batch) and runs one stage on it, whose writes share one transaction
/// (<see cref="IPipelineTransactions"/>): under load the cost of a commit is spread over a batch. A full queue makes its
/// producer wait: nothing is dropped. Every message is backed
/// by a pending row in the store, so whatever is queued when the process dies is re-enqueued by <see cref="RecoverAsync"/>.
/// Each stage runs in the same span the Functions app opens (<see cref="AlertsTelemetry"/>), and every queued message carries
/// its producer's trace context, so one event's ingest, evaluation and deliveries share one trace.
/// </summary>
public sealed partial class InProcessPipeline : IAsyncDisposable
{
    private const int MaxDeliveryPumps = 4;

    private readonly Channel<(EvaluateMessage Message, MarketEvent? Event)>[] _lanes;
    private readonly Channel<DeliverMessage> _deliver;
    private readonly IngestHandler _ingest;
    private readonly EvaluateHandler _evaluator;
    private readonly DeliverHandler _deliverer;
    private readonly RetryDueHandler _sweep;
    private readonly IPipelineTransactions _transactions;
    private readonly int _batchSize;
    private readonly TimeProvider _time;
    private readonly ILogger<InProcessPipeline> _logger;
    private readonly CancellationTokenSource _draining = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _pumps = [];
    private readonly InFlight _inFlight = new();

    // Built once the data-directory lock is held (its owner holds it for life): a lease granted before this was a dead process's.
    private readonly DateTimeOffset _ownedSince;

    public InProcessPipeline(
        IngestHandler ingest,
        EvaluateHandler evaluator,
        DeliverHandler deliverer,
        RetryDueHandler sweep,
        IPipelineTransactions transactions,
        AlertsSettings settings,
        TimeProvider time,
        ILogger<InProcessPipeline> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _ingest = ingest;
        _evaluator = evaluator;
        _deliverer = deliverer;
        _sweep = sweep;
        _transactions = transactions;
        _time = time;
        _logger = logger;
        _batchSize = Math.Max(1, settings.BatchSize);
        _ownedSince = time.GetUtcNow();
        var capacity = Math.Max(1, settings.QueueCapacity);
        _lanes = [.. Enumerable.Range(0, Math.Max(1, settings.EvaluationWorkers)).Select(_ => Bounded<(EvaluateMessage, MarketEvent?)>(capacity, singleReader: true))];
        _deliver = Bounded<DeliverMessage>(capacity, singleReader: false);
    }

    /// <summary>Raised for every alert an evaluation produced (new or replayed).</summary>
    public event Action<Alert>? AlertRaised;

    /// <summary>Raised after every delivery attempt or decision.</summary>
    public event Action<DeliverMessage, DeliverResult>? DeliveryHandled;

    public bool DeliveryEnabled { get; private set; }

    /// <summary>Deliveries queued and not yet taken by a worker (never more than the queue's capacity).</summary>
    public int QueuedDeliveries => _deliver.Reader.Count;

    /// <summary>
    /// Starts the pumps: one per evaluation lane, and up to four delivery pumps that keep at most
    /// <paramref name="deliveryWorkers"/> sends in flight, with a recorder for the sends that finish.
    /// </summary>
    public void Start(int deliveryWorkers, bool deliveryEnabled)
    {
        DeliveryEnabled = deliveryEnabled;
        foreach (var lane in _lanes)
        {
            _pumps.Add(Task.Run(() => BatchPump.RunAsync(lane.Reader, _batchSize, batch => RunAsync(batch, EvaluateBatchAsync), _draining.Token)));
        }

        if (deliveryEnabled)
        {
            StartDelivery(deliveryWorkers);
        }
    }

    public async Task<IngestResult> IngestAsync(MarketEvent marketEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(marketEvent);
        var result = await _ingest.HandleAsync(marketEvent, cancellationToken);
        if (result.Message is { } message)
        {
            await EnqueueAsync(message, marketEvent, cancellationToken);
        }

        return result;
    }

    /// <summary>Ingests a batch through the one ingest path (event-time order) and queues the accepted events in that order.</summary>
    public async Task<IngestSummary> IngestBatchAsync(IEnumerable<MarketEvent> events, CancellationToken cancellationToken)
    {
        using var activity = AlertsTelemetry.StartStage("PushEvents");
        int accepted = 0, duplicates = 0;
        var rejected = new List<string>();
        await foreach (var (marketEvent, result) in _ingest.HandleBatchAsync(events, _transactions, _batchSize, cancellationToken))
        {
            switch (result.Outcome)
            {
                case IngestOutcome.Accepted:
                    accepted++;
                    await EnqueueAsync(result.Message!, marketEvent, cancellationToken);
                    break;
                case IngestOutcome.Duplicate:
                    duplicates++;
                    break;
                default:
                    rejected.Add(marketEvent.IsWellFormed ? $"{marketEvent.Id}: {result.Problem}" : result.Problem ?? "malformed event");
                    break;
            }
        }

        activity?.SetTag("alerts.event_count", accepted + duplicates + rejected.Count);
        AlertsTelemetry.Ingested(accepted, "push");
        return new IngestSummary(accepted, duplicates, rejected);
    }

    /// <summary>Re-enqueues pending rows: all of them at start-up, the due ones on each sweep.</summary>
    public async Task<int> RecoverAsync(bool everything, CancellationToken cancellationToken)
    {
        using var activity = AlertsTelemetry.StartStage("RetryDue", ("alerts.everything", everything));
        var sweep = await _sweep.HandleAsync(everything, cancellationToken);
        activity?.SetTag("alerts.resent_evaluations", sweep.Evaluations.Count);
        activity?.SetTag("alerts.resent_deliveries", sweep.Deliveries.Count);
        foreach (var message in sweep.Evaluations)
        {
            await EnqueueAsync(message, null, cancellationToken);
        }

        foreach (var message in sweep.Deliveries)
        {
            await EnqueueAsync(message with { StoreOwnedSince = _ownedSince }, cancellationToken);
        }

        return sweep.Evaluations.Count + sweep.Deliveries.Count;
    }

    /// <summary>Queues one delivery (a redelivered dead letter, say); waits while the queue is full.</summary>
    public async Task EnqueueAsync(DeliverMessage message, CancellationToken cancellationToken)
    {
        if (!DeliveryEnabled)
        {
            return; // stays pending in the store until delivery is enabled again
        }

        await WriteAsync(_deliver.Writer, TraceContext.Stamp(message), cancellationToken);
    }

    /// <summary>Completes when no message is queued or being handled (scheduled retries wait in the store and do not count).</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken) => _inFlight.WhenIdleAsync(cancellationToken);

    /// <summary>Stops taking new messages, lets in-flight handlers finish (or release their leases), and returns.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        // Queued messages are not drained: their pending rows bring them back on the next start.
        await _draining.CancelAsync();
        foreach (var lane in _lanes)
        {
            lane.Writer.TryComplete();
        }

        _deliver.Writer.TryComplete();
        var all = DrainAsync();
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

    private Task EnqueueAsync(EvaluateMessage message, MarketEvent? marketEvent, CancellationToken cancellationToken)
    {
        var key = marketEvent is null ? message.EventId : OrderingKey(marketEvent);
        var lane = _lanes[(int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_lanes.Length)];
        return WriteAsync(lane.Writer, (TraceContext.Stamp(message), marketEvent), cancellationToken);
    }

    /// <summary>Events that share this key are evaluated in the order they were queued: a price rule sees its symbol's ticks in sequence.</summary>
    private static string OrderingKey(MarketEvent marketEvent) =>
        marketEvent.Tick?.Symbol
        ?? marketEvent.Announcement?.Issuers.Select(i => i.Exchange + ":" + (i.Code ?? i.Name)).FirstOrDefault()
        ?? marketEvent.Id;

    private async Task WriteAsync<T>(ChannelWriter<T> writer, T message, CancellationToken cancellationToken)
    {
        _inFlight.Add(+1);
        if (!_draining.IsCancellationRequested && writer.TryWrite(message))
        {
            return;
        }

        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _draining.Token);
            await writer.WriteAsync(message, linked.Token);
        }
        catch (Exception exception) when (exception is ChannelClosedException or OperationCanceledException)
        {
            // Shutting down: the message's pending row brings it back on the next start.
            _inFlight.Add(-1);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
        }
    }

    /// <summary>Runs one stage on a batch; a failure leaves the batch's pending rows for the sweep and never stops the pump.</summary>
    private async Task RunAsync<T>(List<T> batch, Func<List<T>, CancellationToken, Task> handle)
    {
        try
        {
            await handle(batch, _stopping.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested || _draining.IsCancellationRequested)
        {
            LogReleased(_logger, batch.Count);
        }
        catch (Exception exception)
        {
            LogFailed(_logger, exception, batch.Count);
        }
        finally
        {
            _inFlight.Add(-batch.Count);
        }
    }

    private static Channel<T> Bounded<T>(int capacity, bool singleReader) =>
        Channel.CreateBounded<T>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = singleReader });

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling a batch of {Count} message(s) failed; their pending rows will be retried by the sweep")]
    private static partial void LogFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutdown interrupted a batch of {Count} message(s); they stay pending for the next start")]
    private static partial void LogReleased(ILogger logger, int count);
}
