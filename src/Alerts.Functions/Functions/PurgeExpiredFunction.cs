using Alerts.Core.Handlers;
using Alerts.Core.Telemetry;
using Alerts.Functions.Extensions;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Functions;

/// <summary>Timer: history older than Alerts:Retention is deleted; anything still pending is kept.</summary>
public sealed class PurgeExpiredFunction(RetentionHandler retention)
{
    [Function("PurgeExpired")]
    public async Task RunAsync([TimerTrigger("%" + AppSettingNames.RetentionSchedule + "%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        using var activity = AlertsTelemetry.StartStage("PurgeExpired");
        var purged = await retention.HandleAsync(cancellationToken);
        activity?.SetTag("alerts.purged_events", purged.Events);
        activity?.SetTag("alerts.purged_alerts", purged.Alerts);
        activity?.SetTag("alerts.purged_attempts", purged.Attempts);
    }
}
