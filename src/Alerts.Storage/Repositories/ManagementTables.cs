using Alerts.Storage.Primitive;

namespace Alerts.Storage.Repositories;

/// <summary>
/// The management API's tables. Tenants and keys live in one partition each (few rows, point reads by id on every
/// request); aliases are partitioned per tenant like the rest of a tenant's catalog.
/// </summary>
internal sealed class ManagementTables(IEntityStore store)
{
    public const string TenantPartition = "tenant";
    public const string KeyPartition = "key";
    public const string SubscriberPartition = "subscriber";
    public const string SpentTokenPartition = "spent-token";

    private static ManagementJsonContext Json => ManagementJsonContext.Default;

    public IEntityStore Store => store;

    public JsonTable<Tenant> Tenants { get; } = new(store, "tenants", Json.Tenant);
    public JsonTable<ApiKey> ApiKeys { get; } = new(store, "apikeys", Json.ApiKey);
    public JsonTable<CompanyAlias> Aliases { get; } = new(store, "aliases", Json.CompanyAlias);
    public JsonTable<Subscriber> Subscribers { get; } = new(store, "tenants", Json.Subscriber);
    public JsonTable<SpentToken> SpentTokens { get; } = new(store, "tenants", Json.SpentToken);

    public IEnumerable<string> Names => [Tenants.Name, ApiKeys.Name, Aliases.Name];

    public async Task EnsureAllAsync(CancellationToken cancellationToken)
    {
        foreach (var name in Names)
        {
            await store.EnsureTableAsync(name, cancellationToken);
        }
    }
}
