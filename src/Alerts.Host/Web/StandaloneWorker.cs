using Alerts.Core.Handlers;
using Alerts.Core.Telemetry;
using Alerts.Hosting;
using Alerts.Host.Composition;
using Alerts.Hosting.Configuration;
using Alerts.Host.Standalone;
using Alerts.Sources.Feeds;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Alerts.Host.Web;

/// <summary>
/// The standalone driver inside <c>alerts run</c>: starts the queue pumps, re-enqueues whatever was pending when the process
/// last stopped, then runs the polls and the retry sweep on their cron schedules until shutdown.
/// </summary>
public sealed partial class StandaloneWorker(
    InProcessPipeline pipeline,
    IEnumerable<ScheduledFeedSource> sources,
    AlertsSettings settings,
    RetentionHandler retention,
    SourcePoller poller,
    TimeProvider time,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly ILogger _logger = loggers.CreateLogger<StandaloneWorker>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        pipeline.Start(settings.DeliveryWorkers, settings.DeliveryEnabled);
        var recovered = await pipeline.RecoverAsync(everything: true, stoppingToken);
        LogStarted(_logger, recovered, settings.DeliveryEnabled);

        var jobs = new List<CronJob> { CronJob.Create("RetryDue", settings.SweepSchedule, ct => pipeline.RecoverAsync(everything: false, ct)) };
        jobs.Add(CronJob.Create("Retention", settings.Retention.Schedule, ct => retention.HandleAsync(ct)));
        jobs.AddRange(sources.Select(source => CronJob.Create("Poll " + source.Options.Name, source.Options.Schedule, ct => PollAsync(source, ct))));
        await new CronScheduler(jobs, time, loggers.CreateLogger<CronScheduler>()).RunAsync(stoppingToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await pipeline.StopAsync(settings.ShutdownGrace);
    }

    private async Task PollAsync(ScheduledFeedSource source, CancellationToken cancellationToken)
    {
        using var activity = AlertsTelemetry.StartStage("PollSources", ("alerts.source", source.Options.Name));
        var outcome = await poller.PollAsync(source, pipeline.IngestAsync, cancellationToken);
        AlertsTelemetry.Ingested(outcome.Accepted.Count, "poll");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Standalone driver started: {Recovered} pending message(s) re-enqueued; delivery enabled: {DeliveryEnabled}")]
    private static partial void LogStarted(ILogger logger, int recovered, bool deliveryEnabled);
}
