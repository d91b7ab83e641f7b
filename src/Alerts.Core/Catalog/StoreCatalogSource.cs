using Alerts.Core.Companies;
using Alerts.Core.Ports;
using Alerts.Core.Rules;

namespace Alerts.Core.Catalog;

/// <summary>
/// Builds the snapshot from the repositories and keeps it for <paramref name="maxAge"/>: in one process it is invalidated on every
/// write; across scaled-out instances the age bounds how long a rule change takes to reach every evaluator.
/// Readers on any thread see a whole, immutable snapshot (published with one reference swap); one rebuild runs at a time; a
/// rebuild that was under way when the catalog changed is never taken for fresh.
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
    private Published? _current;
    private long _generation;

    public async Task<CatalogSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh(Volatile.Read(ref _current)) is { } fresh)
        {
            return fresh;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(Volatile.Read(ref _current)) is { } built)
            {
                return built;
            }

            // Read the generation before the repositories: a change that lands during the build moves it on, so this snapshot
            // is served to the callers already waiting for it but rebuilt on the next call.
            var generation = Interlocked.Read(ref _generation);
            var builtAt = time.GetUtcNow();
            var snapshot = await BuildAsync(cancellationToken);
            Volatile.Write(ref _current, new Published(snapshot, builtAt, generation));
            return snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Invalidate() => Interlocked.Increment(ref _generation);

    private CatalogSnapshot? Fresh(Published? published) =>
        published is not null && published.Generation == Interlocked.Read(ref _generation) && time.GetUtcNow() - published.BuiltAt < maxAge
            ? published.Snapshot
            : null;

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

    private sealed record Published(CatalogSnapshot Snapshot, DateTimeOffset BuiltAt, long Generation);
}
