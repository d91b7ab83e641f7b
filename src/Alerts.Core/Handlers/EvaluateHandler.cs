using Alerts.Core.Catalog;
using Alerts.Core.Model;
using Alerts.Core.Ports;
using Alerts.Core.Rules;
using Microsoft.Extensions.Logging;

namespace Alerts.Core.Handlers;

/// <summary>The alerts an evaluation produced (new or replayed) and the deliveries to hand to the next stage.</summary>
public sealed record EvaluateResult(IReadOnlyList<Alert> Alerts, IReadOnlyList<DeliverMessage> Deliveries)
{
    public static EvaluateResult Nothing { get; } = new([], []);
}

/// <summary>
/// Second stage: match the event against the indexed rules, decide from stored rule state, and write alert, deliveries and
/// state in an order that is safe to repeat: alert and deliveries are insert-if-absent under deterministic ids, state last.
/// </summary>
public sealed partial class EvaluateHandler(
    IEventRepository events,
    IRuleStateRepository states,
    IAlertRepository alerts,
    IDeliveryRepository deliveries,
    IWorkRepository work,
    ICatalogSource catalog,
    PipelineOptions options,
    TimeProvider time,
    ILogger<EvaluateHandler> logger)
{
    private const int StateWriteAttempts = 5;

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

        var snapshot = await catalog.GetAsync(cancellationToken);
        var fired = new List<Alert>();
        var toDeliver = new List<DeliverMessage>();
        foreach (var match in snapshot.Rules.Match(marketEvent))
        {
            if (await EvaluateRuleAsync(match, marketEvent, snapshot, toDeliver, cancellationToken) is { } alert)
            {
                fired.Add(alert);
            }
        }

        await work.RemoveAsync(WorkStage.Evaluate, message.EventId, cancellationToken);
        return new EvaluateResult(fired, toDeliver);
    }

    private async Task<Alert?> EvaluateRuleAsync(
        RuleMatch match, MarketEvent marketEvent, CatalogSnapshot snapshot, List<DeliverMessage> toDeliver, CancellationToken cancellationToken)
    {
        var rule = match.Rule;
        for (var attempt = 0; attempt < StateWriteAttempts; attempt++)
        {
            var stored = await states.GetAsync(rule.TenantId, rule.Id, match.Subject, cancellationToken);
            var decision = RuleFiring.Decide(match, stored?.Value, marketEvent);
            Alert? alert = null;
            if (decision.Fires)
            {
                alert = AlertFactory.Create(match, marketEvent, time.GetUtcNow());
                if (await alerts.TryAddAsync(alert, cancellationToken))
                {
                    LogFired(logger, rule.TenantId, rule.Id, alert.Id, marketEvent.Id);
                }

                await CreateDeliveriesAsync(alert, snapshot.ChannelsFor(rule), toDeliver, cancellationToken);
            }

            if (!decision.StateChanged || await states.TrySaveAsync(decision.State, stored?.ETag, cancellationToken))
            {
                return alert;
            }

            LogStateRace(logger, rule.TenantId, rule.Id, match.Subject);
        }

        throw new InvalidOperationException($"Rule {rule.Id} state for {match.Subject} kept changing under evaluation; the event will be retried.");
    }

    private async Task CreateDeliveriesAsync(Alert alert, IReadOnlyList<Channel> channels, List<DeliverMessage> toDeliver, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var channel in channels)
        {
            if (!channel.Enabled)
            {
                LogChannelDisabled(logger, alert.TenantId, channel.Id, alert.Id);
                continue;
            }

            var delivery = new Delivery(
                alert.TenantId, StableIds.Delivery(alert.Id, channel.Id), alert.Id, channel.Id, channel.Kind,
                DeliveryStatus.Pending, AttemptCount: 0, CreatedAt: now, NextAttemptAt: now);
            await work.PutAsync(new WorkItem(WorkStage.Deliver, WorkItem.DeliveryKey(delivery.TenantId, delivery.Id), now + options.RedeliveryGrace), cancellationToken);
            await deliveries.TryAddAsync(delivery, cancellationToken);
            toDeliver.Add(new DeliverMessage(delivery.TenantId, delivery.Id));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {EventId} to evaluate is not in the store; dropping the message")]
    private static partial void LogMissingEvent(ILogger logger, string eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rule {TenantId}/{RuleId} fired alert {AlertId} on event {EventId}")]
    private static partial void LogFired(ILogger logger, string tenantId, string ruleId, string alertId, string eventId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rule {TenantId}/{RuleId} state for {Subject} changed concurrently; re-deciding")]
    private static partial void LogStateRace(ILogger logger, string tenantId, string ruleId, string subject);

    [LoggerMessage(Level = LogLevel.Information, Message = "Channel {TenantId}/{ChannelId} is disabled; alert {AlertId} not delivered to it")]
    private static partial void LogChannelDisabled(ILogger logger, string tenantId, string channelId, string alertId);
}
