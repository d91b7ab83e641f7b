using Alerts.Core.Model;

namespace Alerts.Core.Ports;

public interface IRuleStateRepository
{
    Task<Versioned<RuleState>?> GetAsync(string tenantId, string ruleId, string subject, CancellationToken cancellationToken);

    /// <summary>Writes the state: insert when <paramref name="etag"/> is null, else replace only if it still matches. False on a lost race.</summary>
    Task<bool> TrySaveAsync(RuleState state, string? etag, CancellationToken cancellationToken);
}
