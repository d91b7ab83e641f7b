using Alerts.Core.Catalog;
using Alerts.Core.Rules.Market;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Alerts.Hosting;

/// <summary>
/// Runs <see cref="HistoryBackfill"/> over the current rules shortly after start and then every <see cref="Interval"/>, on its own
/// task: evaluation never waits for it. A pass that fails (the store unreachable) is logged and the next one tries again.
/// </summary>
public sealed partial class HistoryBackfillService(HistoryBackfill backfill, ICatalogSource catalog, TimeProvider clock, ILogger<HistoryBackfillService> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await backfill.RunAsync((await catalog.GetAsync(stoppingToken)).Rules, stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(logger, exception);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A price-history backfill pass failed; the next one runs in 10 minutes")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
