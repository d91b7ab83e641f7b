namespace Alerts.Storage.Repositories;

public interface ITenantRepository
{
    /// <summary>Insert-if-absent: false when a tenant with this id exists.</summary>
    Task<bool> TryAddAsync(Tenant tenant, CancellationToken cancellationToken);

    Task<Tenant?> GetAsync(string tenantId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Tenant>> ListAsync(CancellationToken cancellationToken);
}

internal sealed class TenantRepository(ManagementTables tables) : ITenantRepository
{
    public Task<bool> TryAddAsync(Tenant tenant, CancellationToken cancellationToken) =>
        tables.Tenants.TryInsertAsync(ManagementTables.TenantPartition, StoreTables.Key(tenant.Id), tenant, cancellationToken);

    public async Task<Tenant?> GetAsync(string tenantId, CancellationToken cancellationToken) =>
        (await tables.Tenants.GetAsync(ManagementTables.TenantPartition, StoreTables.Key(tenantId), cancellationToken))?.Value;

    public Task<IReadOnlyList<Tenant>> ListAsync(CancellationToken cancellationToken) =>
        tables.Tenants.ListAsync(ManagementTables.TenantPartition, cancellationToken);
}
