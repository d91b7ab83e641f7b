using Alerts.Core.Handlers;
using Alerts.Core.Telemetry;
using Alerts.Functions.Extensions;
using Alerts.Hosting.Configuration;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Functions;

/// <summary>Timer: the safety net. Pending work whose due time has passed (a lost message, a retry now due) is sent again.</summary>
public sealed class RetryDueFunction(RetryDueHandler sweep, AlertsSettings settings, AlertQueues queues)
{
    [Function("RetryDue")]
    public async Task RunAsync([TimerTrigger("%" + AppSettingNames.RetryDueSchedule + "%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        using var activity = AlertsTelemetry.StartStage("RetryDue");
        var due = await sweep.HandleAsync(everything: false, cancellationToken);
        activity?.SetTag("alerts.resent_evaluations", due.Evaluations.Count);
        activity?.SetTag("alerts.resent_deliveries", due.Deliveries.Count);
        await queues.SendAsync(due.Evaluations, cancellationToken);
        if (settings.DeliveryEnabled)
        {
            await queues.SendAsync(due.Deliveries, cancellationToken);
        }
    }
}
