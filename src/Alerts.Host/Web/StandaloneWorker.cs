using Alerts.Host.Configuration;
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
        jobs.AddRange(sources.Select(source => CronJob.Create("Poll " + source.Options.Name, source.Options.Schedule, ct => PollAsync(source.Source, ct))));
        await new CronScheduler(jobs, time, loggers.CreateLogger<CronScheduler>()).RunAsync(stoppingToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await pipeline.StopAsync(TimeSpan.FromSeconds(20));
    }

    private async Task PollAsync(IFeedSource source, CancellationToken cancellationToken)
    {
        var poll = await source.PollAsync(cancellationToken);
        if (poll.Error is { } error)
        {
            LogPollFailed(_logger, source.Name, error.ToString());
            return;
        }

        foreach (var problem in poll.Problems)
        {
            LogRowSkipped(_logger, source.Name, problem.ToString());
        }

        var accepted = 0;
        foreach (var marketEvent in poll.Events)
        {
            if ((await pipeline.IngestAsync(marketEvent, cancellationToken)).Outcome == Core.Handlers.IngestOutcome.Accepted)
            {
                accepted++;
            }
        }

        LogPolled(_logger, source.Name, poll.Events.Count, accepted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Standalone driver started: {Recovered} pending message(s) re-enqueued; delivery enabled: {DeliveryEnabled}")]
    private static partial void LogStarted(ILogger logger, int recovered, bool deliveryEnabled);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Poll of {Source} failed: {Error}")]
    private static partial void LogPollFailed(ILogger logger, string source, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Poll of {Source} skipped a row: {Problem}")]
    private static partial void LogRowSkipped(ILogger logger, string source, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Polled {Source}: {Count} item(s), {Accepted} new")]
    private static partial void LogPolled(ILogger logger, string source, int count, int accepted);
}
