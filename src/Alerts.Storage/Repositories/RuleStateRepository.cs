using Alerts.Core.Model;
using Alerts.Core.Ports;

namespace Alerts.Storage.Repositories;

internal sealed class RuleStateRepository(StoreTables tables) : IRuleStateRepository
{
    public Task<Versioned<RuleState>?> GetAsync(string tenantId, string ruleId, string subject, CancellationToken cancellationToken) =>
        tables.RuleStates.GetAsync(StoreTables.Compound(tenantId, ruleId), StoreTables.Key(subject), cancellationToken);

    public async Task<bool> TrySaveAsync(RuleState state, string? etag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var partition = StoreTables.Compound(state.TenantId, state.RuleId);
        var row = StoreTables.Key(state.Subject);
        return etag is null
            ? await tables.RuleStates.TryInsertAsync(partition, row, state, cancellationToken)
            : await tables.RuleStates.ReplaceAsync(partition, row, state, etag, cancellationToken) is not null;
    }
}
