using Alerts.Core.Companies;
using Alerts.Core.Ports;
using Alerts.Core.Rules;

namespace Alerts.Core.Catalog;

/// <summary>
/// Builds the snapshot from the repositories and keeps it for <paramref name="maxAge"/>: in one process it is invalidated on every
/// write; across scaled-out instances the age bounds how long a rule change takes to reach every evaluator.
/// </summary>
public sealed class StoreCatalogSource(
    ICompanyRepository companies,
    IRuleRepository rules,
    IWatchlistRepository watchlists,
    ISubscriptionRepository subscriptions,
    IChannelRepository channels,
    TimeProvider time,
    TimeSpan maxAge) : ICatalogSource
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (CatalogSnapshot Snapshot, DateTimeOffset BuiltAt)? _current;

    public async Task<CatalogSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        if (_current is { } fresh && time.GetUtcNow() - fresh.BuiltAt < maxAge)
        {
            return fresh.Snapshot;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } built && time.GetUtcNow() - built.BuiltAt < maxAge)
            {
                return built.Snapshot;
            }

            var snapshot = await BuildAsync(cancellationToken);
            _current = (snapshot, time.GetUtcNow());
            return snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Invalidate() => _current = null;

    private async Task<CatalogSnapshot> BuildAsync(CancellationToken cancellationToken)
    {
        var directory = new CompanyDirectory(await companies.ListAsync(cancellationToken));
        var allRules = await rules.ListAllAsync(cancellationToken);
        var book = RuleBook.Build(allRules, await watchlists.ListAllAsync(cancellationToken), directory);
        var tenants = allRules.Select(r => r.TenantId).Distinct(StringComparer.Ordinal).ToList();
        var allSubscriptions = new List<Model.Subscription>();
        var allChannels = new List<Model.Channel>();
        foreach (var tenant in tenants)
        {
            allSubscriptions.AddRange(await subscriptions.ListAsync(tenant, cancellationToken));
            allChannels.AddRange(await channels.ListAsync(tenant, cancellationToken));
        }

        return new CatalogSnapshot(book, allSubscriptions, allChannels);
    }
}
