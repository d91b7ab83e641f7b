using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Alerts.Core.Model;
using Alerts.Core.Rules;
using Alerts.Core.Serialization;
using Alerts.Storage.Primitive;

namespace Alerts.Storage.Repositories;

/// <summary>
/// What the management API needs beyond the pipeline's ports: single reads and deletes of a tenant's catalog rows,
/// filtered pages of alerts and deliveries, and the stored event history.
/// </summary>
public interface ITenantCatalogRepository
{
    Task<Watchlist?> GetWatchlistAsync(string tenantId, string id, CancellationToken cancellationToken);

    Task<Subscription?> GetSubscriptionAsync(string tenantId, string id, CancellationToken cancellationToken);

    Task<bool> DeleteWatchlistAsync(string tenantId, string id, CancellationToken cancellationToken);

    Task<bool> DeleteRuleAsync(string tenantId, string id, CancellationToken cancellationToken);

    Task<bool> DeleteChannelAsync(string tenantId, string id, CancellationToken cancellationToken);

    Task<bool> DeleteSubscriptionAsync(string tenantId, string id, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="size"/> of the tenant's alerts that pass <paramref name="filter"/>, in id order, continuing after
    /// <paramref name="continuationToken"/>. Works on Table Storage: the token is the last row key read, not an offset.
    /// </summary>
    Task<Page<Alert>> PageAlertsAsync(string tenantId, Func<Alert, bool> filter, int size, string? continuationToken, CancellationToken cancellationToken);

    Task<Page<Delivery>> PageDeliveriesAsync(string tenantId, Func<Delivery, bool> filter, int size, string? continuationToken, CancellationToken cancellationToken);

    /// <summary>Every stored event that occurred at or after <paramref name="since"/> (a scan of the events table).</summary>
    IAsyncEnumerable<MarketEvent> EventsSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);
}

internal sealed class TenantCatalogRepository(StoreTables tables, IEntityStore store) : ITenantCatalogRepository
{
    private static AlertsJsonContext Json => AlertsJsonContext.Default;

    public async Task<Watchlist?> GetWatchlistAsync(string tenantId, string id, CancellationToken cancellationToken) =>
        (await tables.Watchlists.GetAsync(StoreTables.Key(tenantId), StoreTables.Key(id), cancellationToken))?.Value;

    public async Task<Subscription?> GetSubscriptionAsync(string tenantId, string id, CancellationToken cancellationToken) =>
        (await tables.Subscriptions.GetAsync(StoreTables.Key(tenantId), StoreTables.Key(id), cancellationToken))?.Value;

    public Task<bool> DeleteWatchlistAsync(string tenantId, string id, CancellationToken cancellationToken) =>
        tables.Watchlists.DeleteAsync(StoreTables.Key(tenantId), StoreTables.Key(id), cancellationToken);

    public Task<bool> DeleteRuleAsync(string tenantId, string id, CancellationToken cancellationToken) =>
        tables.Rules.DeleteAsync(StoreTables.Key(tenantId), StoreTables.Key(id), cancellationToken);

    public Task<bool> DeleteChannelAsync(string tenantId, string id, CancellationToken cancellationToken) =>
        tables.Channels.DeleteAsync(StoreTables.Key(tenantId), StoreTables.Key(id), cancellationToken);

    public Task<bool> DeleteSubscriptionAsync(string tenantId, string id, CancellationToken cancellationToken) =>
        tables.Subscriptions.DeleteAsync(StoreTables.Key(tenantId), StoreTables.Key(id), cancellationToken);

    public Task<Page<Alert>> PageAlertsAsync(string tenantId, Func<Alert, bool> filter, int size, string? continuationToken, CancellationToken cancellationToken) =>
        PageAsync(tables.Alerts.Name, StoreTables.Key(tenantId), Json.Alert, filter, size, continuationToken, cancellationToken);

    public Task<Page<Delivery>> PageDeliveriesAsync(string tenantId, Func<Delivery, bool> filter, int size, string? continuationToken, CancellationToken cancellationToken) =>
        PageAsync(tables.Deliveries.Name, StoreTables.Key(tenantId), Json.Delivery, filter, size, continuationToken, cancellationToken);

    public async IAsyncEnumerable<MarketEvent> EventsSinceAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var marketEvent in tables.Events.QueryAsync(null, cancellationToken))
        {
            if (marketEvent.OccurredAt >= since)
            {
                yield return marketEvent;
            }
        }
    }

    private async Task<Page<T>> PageAsync<T>(
        string table, string partition, JsonTypeInfo<T> typeInfo, Func<T, bool> filter, int size, string? continuationToken, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        // Row keys never hold control characters, so every key after `last` is at or above `last + " "`.
        var from = continuationToken is null ? null : DecodeToken(continuationToken) + " ";
        var items = new List<T>(size);
        string? lastRead = null;
        await foreach (var row in store.QueryAsync(table, partition, from, null, cancellationToken))
        {
            if (items.Count == size)
            {
                return new Page<T>(items, EncodeToken(lastRead!));
            }

            lastRead = row.RowKey;
            var value = JsonSerializer.Deserialize(row.Data, typeInfo) ?? throw new InvalidDataException($"Row {table}/{row.PartitionKey}/{row.RowKey} holds null.");
            if (filter(value))
            {
                items.Add(value);
            }
        }

        return new Page<T>(items, null);
    }

    private static string EncodeToken(string rowKey) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(rowKey));

    private static string DecodeToken(string token)
    {
        try
        {
            var rowKey = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            EntityKeys.ValidateKey(rowKey, nameof(token));
            return rowKey;
        }
        catch (FormatException exception)
        {
            throw new ArgumentException("not a continuation token this service issued", "continuationToken", exception);
        }
    }
}
