using Alerts.Core.Ports;
using Microsoft.Extensions.Logging;

namespace Alerts.Core.Handlers;

/// <summary>How long history is kept. Every age is at least a day: history is kept for months, never for ever nor not at all.</summary>
public sealed class RetentionOptions
{
    public TimeSpan Events { get; init; } = TimeSpan.FromDays(180);

    /// <summary>Alerts and their deliveries.</summary>
    public TimeSpan Alerts { get; init; } = TimeSpan.FromDays(400);

    public TimeSpan Attempts { get; init; } = TimeSpan.FromDays(180);

    public void Validate()
    {
        foreach (var (name, age) in new[] { (nameof(Events), Events), (nameof(Alerts), Alerts), (nameof(Attempts), Attempts) })
        {
            if (age < TimeSpan.FromDays(1))
            {
                throw new InvalidSettingsException($"Alerts:Retention:{name} ({age}) must be at least one day (e.g. 180.00:00:00).");
            }
        }
    }
}

/// <summary>The daily purge: history older than <see cref="RetentionOptions"/> goes; what is still pending stays.</summary>
public sealed partial class RetentionHandler(IRetentionRepository retention, RetentionOptions options, TimeProvider time, ILogger<RetentionHandler> logger)
{
    public async Task<PurgeCounts> HandleAsync(CancellationToken cancellationToken)
    {
        options.Validate();
        var now = time.GetUtcNow();
        var purged = (await retention.PurgeEventsAsync(now - options.Events, cancellationToken))
            .Add(await retention.PurgeAlertsAsync(now - options.Alerts, cancellationToken))
            .Add(await retention.PurgeAttemptsAsync(now - options.Attempts, cancellationToken));
        LogPurged(logger, purged.Events, purged.Alerts, purged.Deliveries, purged.Attempts);
        return purged;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention purged {Events} event(s), {Alerts} alert(s), {Deliveries} delivery(ies), {Attempts} attempt(s)")]
    private static partial void LogPurged(ILogger logger, int events, int alerts, int deliveries, int attempts);
}
