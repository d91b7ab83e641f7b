using System.Diagnostics;
using Alerts.Core.Catalog;
using Alerts.Core.Model;
using Alerts.Core.Notifications;
using Alerts.Core.Ports;
using Microsoft.Extensions.Logging;

namespace Alerts.Core.Handlers;

public enum DeliverOutcome
{
    Delivered,
    RetryScheduled,
    DeadLettered,
    AlreadyFinished,
    NotDue,
    Busy,
    Missing,

    /// <summary>The send ran past the lease and another worker took the delivery over: its result is recorded as an attempt only.</summary>
    LeaseLost,
}

public sealed record DeliverResult(DeliverOutcome Outcome, Delivery? Delivery = null);

/// <summary>
/// Third stage: one attempt at one delivery. A lease (ETag-conditional write) makes sure only one worker sends; the attempt is
/// recorded whatever happens; "delivered" is written only after the channel accepted it, so a crash means a retry, never a loss.
/// This stage is the only retry owner on the delivery path.
/// </summary>
public sealed partial class DeliverHandler(
    IDeliveryRepository deliveries,
    IDeliveryAttemptRepository attempts,
    IAlertRepository alerts,
    IChannelRepository channels,
    ICatalogSource catalog,
    IWorkRepository work,
    IEnumerable<INotifier> notifiers,
    RetrySchedule schedule,
    CircuitBreaker breaker,
    PipelineOptions options,
    TimeProvider time,
    ILogger<DeliverHandler> logger)
{
    private readonly Dictionary<ChannelKind, INotifier> _notifiers = notifiers.ToDictionary(n => n.Kind);
    private readonly EndpointSlots _slots = new(options.SendsPerEndpoint);

    public Random Jitter { get; init; } = Random.Shared;

    public async Task<DeliverResult> HandleAsync(DeliverMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (done, lease) = HandOffLease(message, time.GetUtcNow()) is { } handedOver
            ? (null, handedOver)
            : await BeginAsync(message, cancellationToken);
        if (lease is not { } leased)
        {
            return done!;
        }

        var sent = await SendAsync(leased.Delivery, leased.ETag, message.Alert, cancellationToken);
        return await FinishAsync(leased, sent, cancellationToken);
    }

    /// <summary>
    /// Reads the delivery and either settles the message at once (missing, finished, not due, busy: the pending row is moved or
    /// removed as needed) or takes the lease with an ETag-conditional write. A hand-off's lease is the caller's to check first.
    /// </summary>
    private async Task<(DeliverResult? Done, Lease? Lease)> BeginAsync(DeliverMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var workKey = WorkItem.DeliveryKey(message.TenantId, message.DeliveryId);
        var now = time.GetUtcNow();
        if (Fresh(message, now) is { } inserted)
        {
            // Leased on the copy evaluation inserted, unread; if the row changed since, the write fails and it is read below.
            var taken = inserted.Value with { LeasedUntil = now + options.DeliveryLease };
            if (await deliveries.TryReplaceAsync(taken, inserted.ETag, cancellationToken) is { } takenETag)
            {
                return (null, new Lease(taken, takenETag, workKey));
            }
        }

        var current = await deliveries.GetAsync(message.TenantId, message.DeliveryId, cancellationToken);
        if (current is null)
        {
            await work.RemoveAsync(WorkStage.Deliver, workKey, cancellationToken);
            return (new DeliverResult(DeliverOutcome.Missing), null);
        }

        var delivery = current.Value;
        if (delivery.Status != DeliveryStatus.Pending)
        {
            await work.RemoveAsync(WorkStage.Deliver, workKey, cancellationToken);
            return (new DeliverResult(DeliverOutcome.AlreadyFinished, delivery), null);
        }

        if (delivery.NextAttemptAt > now || HeldByAnotherWorker(delivery, message, now))
        {
            var wakeAt = Max(delivery.NextAttemptAt, delivery.LeasedUntil ?? now);
            await work.PutAsync(new WorkItem(WorkStage.Deliver, workKey, wakeAt), cancellationToken);
            return (new DeliverResult(delivery.NextAttemptAt > now ? DeliverOutcome.NotDue : DeliverOutcome.Busy, delivery), null);
        }

        var leased = delivery with { LeasedUntil = now + options.DeliveryLease };
        var etag = await deliveries.TryReplaceAsync(leased, current.ETag, cancellationToken);
        return etag is null ? (new DeliverResult(DeliverOutcome.Busy, delivery), null) : (null, new Lease(leased, etag, workKey));
    }

    /// <summary>The row evaluation inserted, when the message carries it and it would be sent now: pending, due and not leased.</summary>
    private static Versioned<Delivery>? Fresh(DeliverMessage message, DateTimeOffset now) =>
        message.Inserted is { } inserted
        && inserted.Value.TenantId == message.TenantId && inserted.Value.Id == message.DeliveryId
        && inserted.Value.Status == DeliveryStatus.Pending && inserted.Value.NextAttemptAt <= now && inserted.Value.LeasedUntil is null
            ? inserted
            : null;

    /// <summary>A live lease, unless the message says its holder was a process that ended before this one took the store over.</summary>
    private bool HeldByAnotherWorker(Delivery delivery, DeliverMessage message, DateTimeOffset now) =>
        delivery.LeasedUntil > now
        && !(message.StoreOwnedSince is { } since && delivery.LeasedUntil - options.DeliveryLease < since);

    /// <summary>
    /// The row evaluation inserted already leased to this in-memory hand-off (<see cref="PipelineOptions.LeaseOnHandOff"/>), while
    /// that lease still covers a whole send and its recording: the lease is this worker's without a write.
    /// </summary>
    private Lease? HandOffLease(DeliverMessage message, DateTimeOffset now) =>
        options.LeaseOnHandOff
        && message.Inserted is { } inserted
        && inserted.Value.TenantId == message.TenantId && inserted.Value.Id == message.DeliveryId
        && inserted.Value.Status == DeliveryStatus.Pending && inserted.Value.NextAttemptAt <= now
        && inserted.Value.LeasedUntil is { } until && until >= now + options.SendTimeout + PipelineOptions.RecordingAllowance
            ? new Lease(inserted.Value, inserted.ETag, WorkItem.DeliveryKey(message.TenantId, message.DeliveryId))
            : null;

    /// <summary>Records what the send did (or, when the breaker held it back, gives the lease back until the breaker's probe).</summary>
    private Task<DeliverResult> FinishAsync(Lease lease, Sent sent, CancellationToken cancellationToken) =>
        sent.Result is BreakerOpen open
            ? WaitForBreakerAsync(lease.Delivery, lease.ETag, open.Until, lease.WorkKey, cancellationToken)
            : RecordAsync(lease.Delivery, lease.ETag, sent.Result, sent.Latency, sent.Channel, lease.WorkKey, cancellationToken);

    private async Task<Sent> SendAsync(Delivery leased, string etag, Alert? known, CancellationToken cancellationToken)
    {
        var alert = known is not null && known.TenantId == leased.TenantId && known.Id == leased.AlertId
            ? known
            : await alerts.GetAsync(leased.TenantId, leased.AlertId, cancellationToken);

        // Channels come from the catalog snapshot (as fresh as evaluation's view of them), not from a read per send.
        var channel = (await catalog.GetAsync(cancellationToken)).Channel(leased.TenantId, leased.ChannelId)
            ?? await channels.GetAsync(leased.TenantId, leased.ChannelId, cancellationToken);
        if (alert is null || channel is null)
        {
            return new Sent(new DeliveryResult.Permanent(FailureReason.InvalidTarget, alert is null ? "alert no longer exists" : "channel no longer exists", null), TimeSpan.Zero, channel);
        }

        if (!channel.Enabled)
        {
            return new Sent(new DeliveryResult.Permanent(FailureReason.InvalidTarget, "channel disabled: " + (channel.DisabledReason ?? "by its owner"), null), TimeSpan.Zero, channel);
        }

        if (!_notifiers.TryGetValue(channel.Kind, out var notifier))
        {
            return new Sent(new DeliveryResult.Permanent(FailureReason.InvalidTarget, $"no sender is configured for {channel.Kind} channels", null), TimeSpan.Zero, channel);
        }

        var endpoint = BreakerEndpoint.For(channel);
        var pass = breaker.TryPass(endpoint);
        if (!pass.Allowed)
        {
            return new Sent(new BreakerOpen(pass.RetryAt), TimeSpan.Zero, channel);
        }

        var (result, latency) = await SendWithTimeoutAsync(notifier, leased, etag, alert, channel, endpoint, pass, cancellationToken);
        breaker.Record(endpoint, pass, result);
        return new Sent(result, latency, channel);
    }

    private async Task<(DeliveryResult Result, TimeSpan Latency)> SendWithTimeoutAsync(
        INotifier notifier, Delivery leased, string etag, Alert alert, Channel channel, BreakerEndpoint endpoint, BreakerPass pass, CancellationToken cancellationToken)
    {
        // The send is cut off well inside the lease (validated at start-up), so no other worker can take a delivery still being sent.
        using var timeout = new CancellationTokenSource(options.SendTimeout, time);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var slot = await _slots.EnterAsync(endpoint.Key, deadline.Token);
            var result = await notifier.SendAsync(new DeliveryRequest(alert, channel, leased, time.GetUtcNow()), deadline.Token);
            return (result, Stopwatch.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            breaker.Abandon(endpoint, pass);
            // Shutting down mid-send: give the delivery back so the next start sends it at once instead of waiting out the lease.
            await deliveries.TryReplaceAsync(leased with { LeasedUntil = null }, etag, CancellationToken.None);
            throw;
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutException or OperationCanceledException or IOException)
        {
            return (HttpStatusClassifier.ClassifyException(exception), Stopwatch.GetElapsedTime(started));
        }
        catch (Exception exception)
        {
            // Anything else is still an attempt: recorded and retried on the schedule, so a sender that always throws
            // ends in the dead letters instead of cycling on its lease forever.
            LogSenderFailed(logger, exception, leased.TenantId, leased.Id, leased.ChannelId);
            return (new DeliveryResult.Retryable(FailureReason.Internal, exception.GetType().Name, null), Stopwatch.GetElapsedTime(started));
        }
    }

    private async Task<DeliverResult> RecordAsync(
        Delivery leased, string etag, DeliveryResult result, TimeSpan latency, Channel? channel, string workKey, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var number = leased.AttemptCount + 1;
        var (outcome, error) = result switch
        {
            DeliveryResult.Delivered => (AttemptOutcome.Delivered, (string?)null),
            DeliveryResult.Retryable r => (AttemptOutcome.Retryable, $"{r.Reason}: {r.Detail}"),
            DeliveryResult.Permanent p => (AttemptOutcome.Permanent, $"{p.Reason}: {p.Detail}"),
            _ => (AttemptOutcome.Permanent, "unknown result"),
        };
        await attempts.AddAsync(
            new DeliveryAttempt(leased.TenantId, leased.Id, number, now, outcome, result.StatusCode, latency, error, (result as DeliveryResult.Delivered)?.Response),
            cancellationToken);

        if (result is DeliveryResult.Permanent { DisableEndpoint: true } gone && channel is not null)
        {
            await DisableChannelAsync(channel, result.StatusCode, gone.Detail, cancellationToken);
        }

        var attempted = leased with { AttemptCount = number, LeasedUntil = null, LastError = error, LastStatusCode = result.StatusCode };
        (Delivery Final, DeliverOutcome Outcome) next = result switch
        {
            DeliveryResult.Delivered => (attempted with { Status = DeliveryStatus.Delivered, DeliveredAt = now }, DeliverOutcome.Delivered),
            DeliveryResult.Retryable r when schedule.NextDelay(number, r.RetryAfter, Jitter) is { } delay =>
                (attempted with { NextAttemptAt = now + delay }, DeliverOutcome.RetryScheduled),
            _ => (attempted with { Status = DeliveryStatus.DeadLettered }, DeliverOutcome.DeadLettered),
        };

        if (await deliveries.TryReplaceAsync(next.Final, etag, cancellationToken) is null)
        {
            // Another worker owns the delivery now (and its pending row): leave both as they are.
            LogLeaseLost(logger, leased.TenantId, leased.Id);
            return new DeliverResult(DeliverOutcome.LeaseLost, leased);
        }

        if (next.Outcome == DeliverOutcome.RetryScheduled)
        {
            await work.PutAsync(new WorkItem(WorkStage.Deliver, workKey, next.Final.NextAttemptAt), cancellationToken);
            LogRetry(logger, leased.TenantId, leased.Id, leased.ChannelId, number, next.Final.NextAttemptAt, error);
        }
        else
        {
            await work.RemoveAsync(WorkStage.Deliver, workKey, cancellationToken);
            if (next.Outcome == DeliverOutcome.DeadLettered)
            {
                LogDeadLettered(logger, leased.TenantId, leased.Id, leased.ChannelId, number, error);
            }
        }

        return new DeliverResult(next.Outcome, next.Final);
    }

    /// <summary>
    /// The endpoint's breaker is open: nothing was sent, so no attempt is recorded or used up. The lease is given back and the
    /// delivery comes due again when the breaker lets a probe through (NotDue, so every driver reschedules it as it does any wait).
    /// </summary>
    private async Task<DeliverResult> WaitForBreakerAsync(Delivery leased, string etag, DateTimeOffset until, string workKey, CancellationToken cancellationToken)
    {
        var waiting = leased with { LeasedUntil = null, NextAttemptAt = until };
        if (await deliveries.TryReplaceAsync(waiting, etag, cancellationToken) is null)
        {
            LogLeaseLost(logger, leased.TenantId, leased.Id);
            return new DeliverResult(DeliverOutcome.LeaseLost, leased);
        }

        await work.PutAsync(new WorkItem(WorkStage.Deliver, workKey, until), cancellationToken);
        LogBreakerWait(logger, leased.TenantId, leased.Id, leased.ChannelId, until);
        return new DeliverResult(DeliverOutcome.NotDue, waiting);
    }

    /// <summary>
    /// The endpoint said it is gone. The channel is disabled only if it still points where this send went, with an ETag-conditional
    /// write: if its owner changed it meanwhile (a new URL, say), the answer was about a target that is no longer there.
    /// </summary>
    private async Task DisableChannelAsync(Channel sentTo, int? statusCode, string why, CancellationToken cancellationToken)
    {
        var current = await channels.GetVersionedAsync(sentTo.TenantId, sentTo.Id, cancellationToken);
        if (current is null || !current.Value.Enabled || current.Value.Target != sentTo.Target || current.Value.Kind != sentTo.Kind)
        {
            LogChannelChanged(logger, sentTo.TenantId, sentTo.Id, statusCode);
            return;
        }

        var disabled = current.Value with { Enabled = false, DisabledReason = $"endpoint answered {statusCode}: {why}" };
        if (await channels.TryReplaceAsync(disabled, current.ETag, cancellationToken) is null)
        {
            LogChannelChanged(logger, sentTo.TenantId, sentTo.Id, statusCode);
            return;
        }

        catalog.Invalidate();
        LogChannelDisabled(logger, sentTo.TenantId, sentTo.Id, statusCode);
    }

    /// <summary>Not an answer from the endpoint: its breaker is open, so nothing was sent.</summary>
    private sealed record BreakerOpen(DateTimeOffset Until) : DeliveryResult((int?)null);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Error, Message = "Sender for delivery {TenantId}/{DeliveryId} to channel {ChannelId} failed unexpectedly")]
    private static partial void LogSenderFailed(ILogger logger, Exception exception, string tenantId, string deliveryId, string channelId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {TenantId}/{DeliveryId} to channel {ChannelId} waits for its endpoint's circuit breaker until {Until}; no attempt used")]
    private static partial void LogBreakerWait(ILogger logger, string tenantId, string deliveryId, string channelId, DateTimeOffset until);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {TenantId}/{DeliveryId} was taken over by another worker while it was being sent (its lease ran out); left to that worker")]
    private static partial void LogLeaseLost(ILogger logger, string tenantId, string deliveryId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {TenantId}/{DeliveryId} to channel {ChannelId} failed attempt {Attempt}; next at {NextAttemptAt}: {Error}")]
    private static partial void LogRetry(ILogger logger, string tenantId, string deliveryId, string channelId, int attempt, DateTimeOffset nextAttemptAt, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {TenantId}/{DeliveryId} to channel {ChannelId} dead-lettered after {Attempt} attempt(s): {Error}")]
    private static partial void LogDeadLettered(ILogger logger, string tenantId, string deliveryId, string channelId, int attempt, string? error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Channel {TenantId}/{ChannelId} changed while a send was answered {StatusCode}; not disabled")]
    private static partial void LogChannelChanged(ILogger logger, string tenantId, string channelId, int? statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {TenantId}/{ChannelId} disabled: endpoint answered {StatusCode}")]
    private static partial void LogChannelDisabled(ILogger logger, string tenantId, string channelId, int? statusCode);
}
