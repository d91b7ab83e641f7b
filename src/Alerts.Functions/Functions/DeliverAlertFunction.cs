using Alerts.Core.Handlers;
using Alerts.Core.Serialization;
using Alerts.Core.Telemetry;
using Alerts.Functions.Extensions;
using Alerts.Hosting.Configuration;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Alerts.Functions.Functions;

/// <summary>
/// Queue "deliveries": one attempt at one delivery. The handler owns the retries: a retry it schedules is sent back to the
/// queue hidden until it is due. A duplicate message finds the delivery leased or finished and sends nothing.
/// </summary>
public sealed partial class DeliverAlertFunction(
    DeliverHandler deliver, AlertsSettings settings, AlertQueues queues, TimeProvider time, ILogger<DeliverAlertFunction> logger)
{
    [Function("DeliverAlert")]
    public async Task RunAsync([QueueTrigger(QueueNames.Deliveries)] QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var delivery = QueueMessages.Decode(message, AlertsJsonContext.Default.DeliverMessage, out var problem);
        if (delivery is null || string.IsNullOrWhiteSpace(delivery.TenantId) || string.IsNullOrWhiteSpace(delivery.DeliveryId))
        {
            LogDropped(logger, message.MessageId, problem ?? "tenantId or deliveryId is missing");
            return;
        }

        if (!settings.DeliveryEnabled)
        {
            // The pending row stays; RetryDue sends it again once delivery is switched back on.
            LogPaused(logger, delivery.TenantId, delivery.DeliveryId);
            return;
        }

        using var activity = AlertsTelemetry.StartStage(
            "DeliverAlert", delivery.TraceParent, ("alerts.tenant_id", delivery.TenantId), ("alerts.delivery_id", delivery.DeliveryId), ("messaging.message.id", message.MessageId));
        var result = await deliver.HandleAsync(delivery, cancellationToken);
        AlertsTelemetry.Delivered(activity, result, time.GetUtcNow());
        if (result.Outcome is DeliverOutcome.RetryScheduled or DeliverOutcome.NotDue)
        {
            await queues.SendAsync(delivery, result.Delivery!.NextAttemptAt, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "DeliverAlert dropped queue message {MessageId}: {Problem}")]
    private static partial void LogDropped(ILogger logger, string messageId, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery is paused (Alerts:DeliveryEnabled=false); {TenantId}/{DeliveryId} stays pending")]
    private static partial void LogPaused(ILogger logger, string tenantId, string deliveryId);
}
