using Alerts.Core.Handlers;
using Alerts.Core.Telemetry;
using Alerts.Functions.Extensions;
using Alerts.Hosting;
using Alerts.Sources.Feeds;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Functions;

/// <summary>
/// Timer: polls each feed source whose own schedule is due (the timer is only the shared tick, so it must run at least as
/// often as the most frequent source), ingests what is new and sends it to queue "events". A failing source is logged and
/// skipped; the healthy ones go on.
/// </summary>
public sealed class PollSourcesFunction(
    IEnumerable<ScheduledFeedSource> sources, SourcePollSchedule schedule, SourcePoller poller, IngestHandler ingest, AlertQueues queues)
{
    [Function("PollSources")]
    public async Task RunAsync([TimerTrigger("%" + AppSettingNames.PollSchedule + "%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var due = await schedule.ClaimDueAsync(sources, cancellationToken);
        using var activity = AlertsTelemetry.StartStage("PollSources", ("alerts.sources_due", due.Count));
        var outcomes = await Task.WhenAll(due.Select(source => poller.PollAsync(source, ingest.HandleAsync, cancellationToken)));
        var accepted = outcomes.SelectMany(o => o.Accepted).ToList();
        await queues.SendAsync(accepted, cancellationToken);
        AlertsTelemetry.Ingested(accepted.Count, "poll");
    }
}
