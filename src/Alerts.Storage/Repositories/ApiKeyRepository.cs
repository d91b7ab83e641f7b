using Alerts.Core.Ports;

namespace Alerts.Storage.Repositories;

public interface IApiKeyRepository
{
    /// <summary>Insert-if-absent: false when a key with this id exists.</summary>
    Task<bool> TryAddAsync(ApiKey key, CancellationToken cancellationToken);

    Task<Versioned<ApiKey>?> GetAsync(string keyId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ApiKey>> ListAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>Replaces the key only if <paramref name="etag"/> still matches (last-used time, revocation); false on a lost race.</summary>
    Task<bool> TryReplaceAsync(ApiKey key, string etag, CancellationToken cancellationToken);
}

internal sealed class ApiKeyRepository(ManagementTables tables) : IApiKeyRepository
{
    public Task<bool> TryAddAsync(ApiKey key, CancellationToken cancellationToken) =>
        tables.ApiKeys.TryInsertAsync(ManagementTables.KeyPartition, StoreTables.Key(key.Id), key, cancellationToken);

    public Task<Versioned<ApiKey>?> GetAsync(string keyId, CancellationToken cancellationToken) =>
        tables.ApiKeys.GetAsync(ManagementTables.KeyPartition, StoreTables.Key(keyId), cancellationToken);

    public async Task<IReadOnlyList<ApiKey>> ListAsync(string tenantId, CancellationToken cancellationToken) =>
        [.. (await tables.ApiKeys.ListAsync(ManagementTables.KeyPartition, cancellationToken)).Where(k => k.TenantId == tenantId)];

    public async Task<bool> TryReplaceAsync(ApiKey key, string etag, CancellationToken cancellationToken) =>
        await tables.ApiKeys.ReplaceAsync(ManagementTables.KeyPartition, StoreTables.Key(key.Id), key, etag, cancellationToken) is not null;
}
