using Alerts.Core.Model;
using Alerts.Core.Ports;

namespace Alerts.Storage.Repositories;

internal sealed class AlertRepository(StoreTables tables) : IAlertRepository
{
    public Task<bool> TryAddAsync(Alert alert, CancellationToken cancellationToken) =>
        tables.Alerts.TryInsertAsync(StoreTables.Key(alert.TenantId), alert.Id, alert, cancellationToken);

    public async Task<Alert?> GetAsync(string tenantId, string alertId, CancellationToken cancellationToken) =>
        (await tables.Alerts.GetAsync(StoreTables.Key(tenantId), alertId, cancellationToken))?.Value;

    public Task<IReadOnlyList<Alert>> ListAsync(string tenantId, CancellationToken cancellationToken) =>
        tables.Alerts.ListAsync(StoreTables.Key(tenantId), cancellationToken);
}
