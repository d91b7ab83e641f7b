using Alerts.Core.Model;
using Alerts.Core.Ports;
using Alerts.Core.Rules;

namespace Alerts.Storage.Repositories;

internal sealed class CompanyRepository(StoreTables tables) : ICompanyRepository
{
    private const string ReferencePartition = "ref";

    public Task<IReadOnlyList<Company>> ListAsync(CancellationToken cancellationToken) =>
        tables.Companies.ListAsync(ReferencePartition, cancellationToken);

    public Task UpsertAsync(Company company, CancellationToken cancellationToken) =>
        tables.Companies.UpsertAsync(ReferencePartition, StoreTables.Key(company.Id), company, cancellationToken);
}

internal sealed class RuleRepository(StoreTables tables) : IRuleRepository
{
    public Task<IReadOnlyList<Rule>> ListAllAsync(CancellationToken cancellationToken) => tables.Rules.ListAsync(null, cancellationToken);

    public Task<IReadOnlyList<Rule>> ListAsync(string tenantId, CancellationToken cancellationToken) =>
        tables.Rules.ListAsync(StoreTables.Key(tenantId), cancellationToken);

    public async Task<Rule?> GetAsync(string tenantId, string ruleId, CancellationToken cancellationToken) =>
        (await tables.Rules.GetAsync(StoreTables.Key(tenantId), StoreTables.Key(ruleId), cancellationToken))?.Value;

    public Task UpsertAsync(Rule rule, CancellationToken cancellationToken) =>
        tables.Rules.UpsertAsync(StoreTables.Key(rule.TenantId), StoreTables.Key(rule.Id), rule, cancellationToken);
}

internal sealed class WatchlistRepository(StoreTables tables) : IWatchlistRepository
{
    public Task<IReadOnlyList<Watchlist>> ListAllAsync(CancellationToken cancellationToken) => tables.Watchlists.ListAsync(null, cancellationToken);

    public Task<IReadOnlyList<Watchlist>> ListAsync(string tenantId, CancellationToken cancellationToken) =>
        tables.Watchlists.ListAsync(StoreTables.Key(tenantId), cancellationToken);

    public Task UpsertAsync(Watchlist watchlist, CancellationToken cancellationToken) =>
        tables.Watchlists.UpsertAsync(StoreTables.Key(watchlist.TenantId), StoreTables.Key(watchlist.Id), watchlist, cancellationToken);
}

/// <summary>Channels with their credentials sealed at rest (see <see cref="Secrets.ChannelSecretSealer"/>).</summary>
internal sealed class ChannelRepository(StoreTables tables, Secrets.ChannelSecretSealer sealer) : IChannelRepository
{
    public async Task<IReadOnlyList<Channel>> ListAsync(string tenantId, CancellationToken cancellationToken) =>
        [.. (await tables.Channels.ListAsync(StoreTables.Key(tenantId), cancellationToken)).Select(sealer.Open)];

    public async Task<Channel?> GetAsync(string tenantId, string channelId, CancellationToken cancellationToken) =>
        (await tables.Channels.GetAsync(StoreTables.Key(tenantId), StoreTables.Key(channelId), cancellationToken))?.Value is { } stored
            ? sealer.Open(stored)
            : null;

    public async Task<Versioned<Channel>?> GetVersionedAsync(string tenantId, string channelId, CancellationToken cancellationToken) =>
        await tables.Channels.GetAsync(StoreTables.Key(tenantId), StoreTables.Key(channelId), cancellationToken) is { } stored
            ? stored with { Value = sealer.Open(stored.Value) }
            : null;

    public Task UpsertAsync(Channel channel, CancellationToken cancellationToken) =>
        tables.Channels.UpsertAsync(StoreTables.Key(channel.TenantId), StoreTables.Key(channel.Id), sealer.Seal(channel), cancellationToken);

    public Task<string?> TryReplaceAsync(Channel channel, string etag, CancellationToken cancellationToken) =>
        tables.Channels.ReplaceAsync(StoreTables.Key(channel.TenantId), StoreTables.Key(channel.Id), sealer.Seal(channel), etag, cancellationToken);
}

internal sealed class SubscriptionRepository(StoreTables tables) : ISubscriptionRepository
{
    public Task<IReadOnlyList<Subscription>> ListAsync(string tenantId, CancellationToken cancellationToken) =>
        tables.Subscriptions.ListAsync(StoreTables.Key(tenantId), cancellationToken);

    public Task UpsertAsync(Subscription subscription, CancellationToken cancellationToken) =>
        tables.Subscriptions.UpsertAsync(StoreTables.Key(subscription.TenantId), StoreTables.Key(subscription.Id), subscription, cancellationToken);
}
