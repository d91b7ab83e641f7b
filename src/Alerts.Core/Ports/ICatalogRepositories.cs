using Alerts.Core.Model;
using Alerts.Core.Rules;

namespace Alerts.Core.Ports;

/// <summary>Reference data shared by all tenants.</summary>
public interface ICompanyRepository
{
    Task<IReadOnlyList<Company>> ListAsync(CancellationToken cancellationToken);

    Task UpsertAsync(Company company, CancellationToken cancellationToken);
}

public interface IRuleRepository
{
    /// <summary>Every tenant's rules: evaluation matches an event against all of them at once.</summary>
    Task<IReadOnlyList<Rule>> ListAllAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<Rule>> ListAsync(string tenantId, CancellationToken cancellationToken);

    Task<Rule?> GetAsync(string tenantId, string ruleId, CancellationToken cancellationToken);

    Task UpsertAsync(Rule rule, CancellationToken cancellationToken);
}

public interface IWatchlistRepository
{
    Task<IReadOnlyList<Watchlist>> ListAllAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<Watchlist>> ListAsync(string tenantId, CancellationToken cancellationToken);

    Task UpsertAsync(Watchlist watchlist, CancellationToken cancellationToken);
}

public interface IChannelRepository
{
    Task<IReadOnlyList<Channel>> ListAsync(string tenantId, CancellationToken cancellationToken);

    Task<Channel?> GetAsync(string tenantId, string channelId, CancellationToken cancellationToken);

    /// <summary>The channel with the ETag to pass to <see cref="TryReplaceAsync"/>.</summary>
    Task<Versioned<Channel>?> GetVersionedAsync(string tenantId, string channelId, CancellationToken cancellationToken);

    Task UpsertAsync(Channel channel, CancellationToken cancellationToken);

    /// <summary>Replaces the channel only if <paramref name="etag"/> still matches; returns the new ETag, or null when it changed meanwhile.</summary>
    Task<string?> TryReplaceAsync(Channel channel, string etag, CancellationToken cancellationToken);
}

public interface ISubscriptionRepository
{
    Task<IReadOnlyList<Subscription>> ListAsync(string tenantId, CancellationToken cancellationToken);

    Task UpsertAsync(Subscription subscription, CancellationToken cancellationToken);
}
