using Alerts.Core.Ports;

namespace Alerts.Storage.Repositories;

/// <summary>
/// A person who signed up with an email address: the tenant and email channel they get once the address is confirmed
/// (null until then), and when it was confirmed.
/// </summary>
public sealed record Subscriber(string Email, DateTimeOffset SignedUpAt, string? TenantId = null, string? ChannelId = null, DateTimeOffset? ConfirmedAt = null);

public interface ISubscriberRepository
{
    /// <summary>By normalized (lower-case) address.</summary>
    Task<Versioned<Subscriber>?> GetAsync(string email, CancellationToken cancellationToken);

    /// <summary>Insert-if-absent: false when the address has signed up before.</summary>
    Task<bool> TryAddAsync(Subscriber subscriber, CancellationToken cancellationToken);

    /// <summary>Replaces the row only if <paramref name="etag"/> still matches; false on a lost race.</summary>
    Task<bool> TryReplaceAsync(Subscriber subscriber, string etag, CancellationToken cancellationToken);

    /// <summary>Marks a single-use token as spent: true the first time only, so two clicks on one sign-in link sign in once.</summary>
    Task<bool> TrySpendAsync(string tokenId, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>Subscribers and spent sign-in tokens live in partitions of their own in the tenants table (no new table to provision).</summary>
internal sealed class SubscriberRepository(ManagementTables tables) : ISubscriberRepository
{
    public Task<Versioned<Subscriber>?> GetAsync(string email, CancellationToken cancellationToken) =>
        tables.Subscribers.GetAsync(ManagementTables.SubscriberPartition, StoreTables.Key(email), cancellationToken);

    public Task<bool> TryAddAsync(Subscriber subscriber, CancellationToken cancellationToken) =>
        tables.Subscribers.TryInsertAsync(ManagementTables.SubscriberPartition, StoreTables.Key(subscriber.Email), subscriber, cancellationToken);

    public async Task<bool> TryReplaceAsync(Subscriber subscriber, string etag, CancellationToken cancellationToken) =>
        await tables.Subscribers.ReplaceAsync(ManagementTables.SubscriberPartition, StoreTables.Key(subscriber.Email), subscriber, etag, cancellationToken) is not null;

    public Task<bool> TrySpendAsync(string tokenId, DateTimeOffset at, CancellationToken cancellationToken) =>
        tables.SpentTokens.TryInsertAsync(ManagementTables.SpentTokenPartition, StoreTables.Key(tokenId), new SpentToken(tokenId, at), cancellationToken);
}

/// <summary>A single-use token that was used.</summary>
public sealed record SpentToken(string Id, DateTimeOffset At);
