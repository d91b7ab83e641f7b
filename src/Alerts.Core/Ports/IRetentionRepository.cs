namespace Alerts.Core.Ports;

/// <summary>How much one retention pass removed.</summary>
public sealed record PurgeCounts(int Events, int Alerts, int Deliveries, int Attempts)
{
    public static PurgeCounts Zero { get; } = new(0, 0, 0, 0);

    public PurgeCounts Add(PurgeCounts other) =>
        new(Events + other.Events, Alerts + other.Alerts, Deliveries + other.Deliveries, Attempts + other.Attempts);
}

/// <summary>
/// Purges history older than a cutoff. Never removes what is still in flight: an event with pending evaluation, a delivery
/// that is pending (or changed while being purged), its attempts, or an alert with such a delivery.
/// </summary>
public interface IRetentionRepository
{
    /// <summary>Events that occurred before <paramref name="before"/>.</summary>
    Task<PurgeCounts> PurgeEventsAsync(DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>Alerts created before <paramref name="before"/>, with their finished deliveries and those deliveries' attempts.</summary>
    Task<PurgeCounts> PurgeAlertsAsync(DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>Attempts made before <paramref name="before"/> of deliveries that are no longer pending.</summary>
    Task<PurgeCounts> PurgeAttemptsAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
