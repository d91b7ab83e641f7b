using Alerts.Core.Model;

namespace Alerts.Core.Ports;

public interface IAlertRepository
{
    /// <summary>Insert-if-absent: false when the alert already exists (a replay).</summary>
    Task<bool> TryAddAsync(Alert alert, CancellationToken cancellationToken);

    Task<Alert?> GetAsync(string tenantId, string alertId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Alert>> ListAsync(string tenantId, CancellationToken cancellationToken);
}
