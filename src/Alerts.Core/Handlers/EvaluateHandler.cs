using Alerts.Core.Catalog;
using Alerts.Core.Holding;
using Alerts.Core.Model;
using Alerts.Core.Ports;
using Alerts.Core.Rules;
using Alerts.Core.Rules.Market;
using Microsoft.Extensions.Logging;

namespace Alerts.Core.Handlers;

/// <summary>The alerts an evaluation produced (new or replayed) and the deliveries to hand to the next stage.</summary>
public sealed record EvaluateResult(IReadOnlyList<Alert> Alerts, IReadOnlyList<DeliverMessage> Deliveries)
{
    public static EvaluateResult Nothing { get; } = new([], []);
}

/// <summary>
/// Second stage: match the event against the indexed rules, decide from stored rule state and save it (ETag-conditional), then
/// write the alert and its deliveries, insert-if-absent under deterministic ids, so every step is safe to repeat.
/// </summary>
public sealed partial class EvaluateHandler(
    IEventRepository events,
    IRuleStateRepository states,
    IAlertRepository alerts,
    IDeliveryRepository deliveries,
    IWorkRepository work,
    IHeldDeliveryRepository held,
    ICatalogSource catalog,
    PipelineOptions options,
    TimeProvider time,
    ILogger<EvaluateHandler> logger,
    MarketHistoryService? history = null)
{
    // Each lost race means another evaluator's save won, so this bounds the wait behind that many concurrent evaluators.
    private const int StateWriteAttempts = 16;

    public async Task<EvaluateResult> HandleAsync(EvaluateMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var marketEvent = await events.GetAsync(message.EventId, cancellationToken);
        if (marketEvent is null)
        {
            LogMissingEvent(logger, message.EventId);
            await work.RemoveAsync(WorkStage.Evaluate, message.EventId, cancellationToken);
            return EvaluateResult.Nothing;
        }

        return await HandleAsync(marketEvent, cancellationToken);
    }

    /// <summary>Evaluates an event the caller already holds (it was just ingested and stored), saving the read.</summary>
    public async Task<EvaluateResult> HandleAsync(MarketEvent marketEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(marketEvent);
        var snapshot = await catalog.GetAsync(cancellationToken);
        var matches = snapshot.Rules.Match(marketEvent);
        var market = await MarketViewAsync(snapshot.Rules, matches, marketEvent, cancellationToken);
        return await EvaluateAsync(marketEvent, snapshot, matches, market, cancellationToken);
    }

    /// <summary>Decides the rules an event matched, saves their states, writes what fired and removes the event's pending row.</summary>
    private async Task<EvaluateResult> EvaluateAsync(
        MarketEvent marketEvent, CatalogSnapshot snapshot, IReadOnlyList<RuleMatch> matches, IMarketView? market, CancellationToken cancellationToken)
    {
        var fired = new List<Alert>();
        var toDeliver = new List<DeliverMessage>();
        foreach (var match in matches)
        {
            if (await EvaluateRuleAsync(match, marketEvent, snapshot, market, toDeliver, cancellationToken) is { } alert)
            {
                fired.Add(alert);
            }
        }

        await work.RemoveAsync(WorkStage.Evaluate, marketEvent.Id, cancellationToken);
        return new EvaluateResult(fired, toDeliver);
    }

    /// <summary>
    /// For a tick whose symbol a market rule watches: records it in the stored history, then loads every history the matched
    /// rules read (a listing spread reads both legs and the rate). Null when no market rule is involved.
    /// </summary>
    private async Task<IMarketView?> MarketViewAsync(RuleBook rules, IReadOnlyList<RuleMatch> matches, MarketEvent marketEvent, CancellationToken cancellationToken)
    {
        if (history is null || marketEvent.Tick is not { } tick || !rules.KeepsHistoryOf(tick.Symbol))
        {
            return null;
        }

        var market = new MarketMemory();
        market.Add(await history.ObserveAsync(tick, cancellationToken));
        foreach (var symbol in matches.SelectMany(m => RuleBook.HistoriesFor(m, tick)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (market.History(symbol) is null && await history.LoadAsync(symbol, cancellationToken) is { } loaded)
            {
                market.Add(loaded);
            }
        }

        return market;
    }

    private async Task<Alert?> EvaluateRuleAsync(
        RuleMatch match, MarketEvent marketEvent, CatalogSnapshot snapshot, IMarketView? market, List<DeliverMessage> toDeliver, CancellationToken cancellationToken)
    {
        var rule = match.Rule;
        var stateless = RuleFiring.IsStateless(rule);
        for (var attempt = 0; attempt < StateWriteAttempts; attempt++)
        {
            var stored = stateless ? null : await states.GetAsync(rule.TenantId, rule.Id, match.Subject, cancellationToken);
            var decision = RuleFiring.Decide(match, stored?.Value, marketEvent, market);

            // The state is decided and saved first, with its ETag condition: of two evaluators racing on one rule and subject,
            // only the one whose save wins may write an alert. A crash after the save is safe, because re-evaluating the event
            // that fired fires again (same alert id).
            if (!stateless && decision.StateChanged && !await states.TrySaveAsync(decision.State, stored?.ETag, cancellationToken))
            {
                LogStateRace(logger, rule.TenantId, rule.Id, match.Subject);
                continue;
            }

            if (!decision.Fires)
            {
                if (decision.HeldBack)
                {
                    LogHeldBack(logger, rule.TenantId, rule.Id, match.Subject, decision.Reason);
                }

                return null;
            }

            var alert = AlertFactory.Create(match, marketEvent, time.GetUtcNow(), decision.Explanation, options.AlertIds);
            var added = await alerts.TryAddAsync(alert, cancellationToken);
            if (added)
            {
                LogFired(logger, rule.TenantId, rule.Id, alert.Id, marketEvent.Id);
            }

            // A replay's alert was stored earlier (with its own creation time): the send reads that one.
            await CreateDeliveriesAsync(alert, added, snapshot.RoutesFor(rule), toDeliver, cancellationToken);
            return alert;
        }

        throw new InvalidOperationException($"Rule {rule.Id} state for {match.Subject} kept changing under evaluation; the event will be retried.");
    }

    private async Task CreateDeliveriesAsync(Alert alert, bool added, IReadOnlyList<Route> routes, List<DeliverMessage> toDeliver, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var (channel, subscription) in routes)
        {
            if (!channel.Enabled)
            {
                LogChannelDisabled(logger, alert.TenantId, channel.Id, alert.Id);
                continue;
            }

            var delivery = new Delivery(
                alert.TenantId, StableIds.Delivery(options.AlertIds, alert.Id, alert.OccurredAt, channel.Id), alert.Id, channel.Id, channel.Kind,
                DeliveryStatus.Pending, AttemptCount: 0, CreatedAt: now, NextAttemptAt: now);
            if (HoldPolicy.HoldFor(subscription, now) is { } hold)
            {
                await HoldAsync(delivery, subscription, hold, cancellationToken);
                continue;
            }

            if (options.LeaseOnHandOff)
            {
                delivery = delivery with { LeasedUntil = now + options.DeliveryLease };
            }

            await work.PutAsync(new WorkItem(WorkStage.Deliver, WorkItem.DeliveryKey(delivery.TenantId, delivery.Id), now + options.RedeliveryGrace), cancellationToken);
            var etag = await deliveries.TryInsertAsync(delivery, cancellationToken);
            toDeliver.Add(new DeliverMessage(delivery.TenantId, delivery.Id)
            {
                Alert = added ? alert : null,
                Inserted = etag is null ? null : new Versioned<Delivery>(delivery, etag),
            });
        }
    }

    /// <summary>
    /// The batch row and its release time go before the delivery: a delivery stored as held always has a batch that will
    /// release it, even if this evaluation dies in between and a later one decides differently.
    /// </summary>
    private async Task HoldAsync(Delivery delivery, Subscription subscription, Hold hold, CancellationToken cancellationToken)
    {
        var batchKey = StableIds.HeldBatch(delivery.TenantId, delivery.ChannelId, hold.ReleaseAt);
        await held.HoldAsync(
            new HeldDelivery(batchKey, delivery.TenantId, delivery.Id, delivery.AlertId, delivery.ChannelId, delivery.ChannelKind, hold.ReleaseAt, hold.Reason, hold.Window, subscription.TimeZone ?? "UTC"),
            cancellationToken);
        await work.PutAsync(new WorkItem(WorkStage.Release, batchKey, hold.ReleaseAt), cancellationToken);
        await deliveries.TryAddAsync(delivery with { Status = DeliveryStatus.Held, NextAttemptAt = hold.ReleaseAt }, cancellationToken);
        LogHeld(logger, delivery.TenantId, delivery.Id, hold.ReleaseAt);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {EventId} to evaluate is not in the store; dropping the message")]
    private static partial void LogMissingEvent(ILogger logger, string eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rule {TenantId}/{RuleId} fired alert {AlertId} on event {EventId}")]
    private static partial void LogFired(ILogger logger, string tenantId, string ruleId, string alertId, string eventId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rule {TenantId}/{RuleId} state for {Subject} changed concurrently; re-deciding")]
    private static partial void LogStateRace(ILogger logger, string tenantId, string ruleId, string subject);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {TenantId}/{DeliveryId} held until {ReleaseAt} (quiet hours or digest)")]
    private static partial void LogHeld(ILogger logger, string tenantId, string deliveryId, DateTimeOffset releaseAt);

    // Debug: a stale quote holds a spread rule back on every tick outside trading hours; backtest and dry run list the reasons.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Rule {TenantId}/{RuleId} for {Subject} is {Reason}")]
    private static partial void LogHeldBack(ILogger logger, string tenantId, string ruleId, string subject, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Channel {TenantId}/{ChannelId} is disabled; alert {AlertId} not delivered to it")]
    private static partial void LogChannelDisabled(ILogger logger, string tenantId, string channelId, string alertId);
}
