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

internal sealed class ChannelRepository(StoreTables tables) : IChannelRepository
{
    public Task<IReadOnlyList<Channel>> ListAsync(string tenantId, CancellationToken cancellationToken) =>
        tables.Channels.ListAsync(StoreTables.Key(tenantId), cancellationToken);

    public async Task<Channel?> GetAsync(string tenantId, string channelId, CancellationToken cancellationToken) =>
        (await tables.Channels.GetAsync(StoreTables.Key(tenantId), StoreTables.Key(channelId), cancellationToken))?.Value;

    public Task<Versioned<Channel>?> GetVersionedAsync(string tenantId, string channelId, CancellationToken cancellationToken) =>
        tables.Channels.GetAsync(StoreTables.Key(tenantId), StoreTables.Key(channelId), cancellationToken);

    public Task UpsertAsync(Channel channel, CancellationToken cancellationToken) =>
        tables.Channels.UpsertAsync(StoreTables.Key(channel.TenantId), StoreTables.Key(channel.Id), channel, cancellationToken);

    public Task<string?> TryReplaceAsync(Channel channel, string etag, CancellationToken cancellationToken) =>
        tables.Channels.ReplaceAsync(StoreTables.Key(channel.TenantId), StoreTables.Key(channel.Id), channel, etag, cancellationToken);
}

internal sealed class SubscriptionRepository(StoreTables tables) : ISubscriptionRepository
{
    public Task<IReadOnlyList<Subscription>> ListAsync(string tenantId, CancellationToken cancellationToken) =>
        tables.Subscriptions.ListAsync(StoreTables.Key(tenantId), cancellationToken);

    public Task UpsertAsync(Subscription subscription, CancellationToken cancellationToken) =>
        tables.Subscriptions.UpsertAsync(StoreTables.Key(subscription.TenantId), StoreTables.Key(subscription.Id), subscription, cancellationToken);
}
