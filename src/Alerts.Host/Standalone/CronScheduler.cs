using Microsoft.Extensions.Logging;

namespace Alerts.Host.Standalone;

/// <summary>
/// Runs each job at its next occurrence, one run at a time per job (a slow poll is never overlapped by the next tick;
/// missed ticks are skipped, as a timer trigger's are).
/// </summary>
public sealed partial class CronScheduler(IEnumerable<CronJob> jobs, TimeProvider time, ILogger<CronScheduler> logger)
{
    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(jobs.Select(job => LoopAsync(job, cancellationToken)));

    private async Task LoopAsync(CronJob job, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = job.NextAfter(now);
            try
            {
                await Task.Delay(next - now, time, cancellationToken);
                await job.Run(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogJobFailed(logger, exception, job.Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled job {Job} failed; it runs again at its next occurrence")]
    private static partial void LogJobFailed(ILogger logger, Exception exception, string job);
}
