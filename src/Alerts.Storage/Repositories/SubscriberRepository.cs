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

    /// <summary>
    /// Marks a single-use token as spent: true the first time only, so two clicks on one sign-in link sign in once. The mark is
    /// kept until <paramref name="expires"/>, when the token stops working anyway.
    /// </summary>
    Task<bool> TrySpendAsync(string tokenId, DateTimeOffset at, DateTimeOffset expires, CancellationToken cancellationToken);

    /// <summary>Removes the spent marks of tokens that expired before <paramref name="now"/>; returns how many went.</summary>
    Task<int> PurgeSpentTokensAsync(DateTimeOffset now, CancellationToken cancellationToken);
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

    public Task<bool> TrySpendAsync(string tokenId, DateTimeOffset at, DateTimeOffset expires, CancellationToken cancellationToken) =>
        tables.SpentTokens.TryInsertAsync(ManagementTables.SpentTokenPartition, StoreTables.Key(tokenId), new SpentToken(tokenId, at, expires), cancellationToken);

    public async Task<int> PurgeSpentTokensAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expired = new List<string>();
        await foreach (var token in tables.SpentTokens.QueryAsync(ManagementTables.SpentTokenPartition, cancellationToken))
        {
            if ((token.Expires ?? token.At + LegacyLifetime) < now)
            {
                expired.Add(token.Id);
            }
        }

        var purged = 0;
        foreach (var id in expired)
        {
            purged += await tables.SpentTokens.DeleteAsync(ManagementTables.SpentTokenPartition, StoreTables.Key(id), cancellationToken) ? 1 : 0;
        }

        return purged;
    }

    /// <summary>Marks written before they carried an expiry: a day outlives any sign-in link (15 minutes by default).</summary>
    private static readonly TimeSpan LegacyLifetime = TimeSpan.FromDays(1);
}

/// <summary>A single-use token that was used, and when the token itself expires (null on marks written before it was kept).</summary>
public sealed record SpentToken(string Id, DateTimeOffset At, DateTimeOffset? Expires = null);
