using Alerts.Api.Access;
using Alerts.Api.Json;
using Alerts.Storage.Repositories;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Alerts.Api.Endpoints;

/// <summary>Tenants (operator, admin key) and a tenant's own API keys.</summary>
internal static class TenantsApi
{
    private const int MaxNameLength = 100;

    public static void MapAdmin(RouteGroupBuilder admin)
    {
        admin.MapPost("/tenants", CreateTenantAsync).Accepts<CreateTenantRequest>("application/json").Produces<TenantCreated>(StatusCodes.Status201Created);
        admin.MapGet("/tenants", ListTenantsAsync).Produces<ItemList<TenantView>>();
    }

    public static void MapKeys(RouteGroupBuilder tenant)
    {
        tenant.MapGet("/keys", ListKeysAsync).Produces<ItemList<ApiKeyView>>();
        tenant.MapPost("/keys", CreateKeyAsync).Accepts<CreateKeyRequest>("application/json").Produces<ApiKeyCreated>(StatusCodes.Status201Created);
        tenant.MapDelete("/keys/{id}", RevokeKeyAsync).Produces<ApiKeyView>();
    }

    private static async Task<IResult> CreateTenantAsync(
        HttpRequest request, ITenantRepository tenants, IApiKeyRepository keys, TimeProvider time, ApiOptions options, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, ApiJsonContext.Default.CreateTenantRequest, options);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var name = body.Value!.Name.Trim();
        if (name.Length is 0 or > MaxNameLength)
        {
            return ApiProblems.Invalid("name", $"must be 1 to {MaxNameLength} characters");
        }

        var tenant = new Tenant(ApiIds.New(ApiIds.Tenant), name, time.GetUtcNow());
        if (!await tenants.TryAddAsync(tenant, cancellationToken))
        {
            return ApiProblems.Conflict("a tenant with the generated id exists; try again");
        }

        var key = await IssueKeyAsync(keys, tenant.Id, "first key", time, cancellationToken);
        return TypedResults.Created($"/api/v1/tenants/{tenant.Id}", new TenantCreated(new TenantView(tenant.Id, tenant.Name, tenant.CreatedAt), key));
    }

    private static async Task<IResult> ListTenantsAsync(ITenantRepository tenants, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ItemList<TenantView>([.. (await tenants.ListAsync(cancellationToken)).Select(t => new TenantView(t.Id, t.Name, t.CreatedAt))]));

    private static async Task<IResult> ListKeysAsync(ApiCaller caller, IApiKeyRepository keys, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ItemList<ApiKeyView>([.. (await keys.ListAsync(caller.TenantId, cancellationToken)).OrderBy(k => k.CreatedAt).Select(View)]));

    private static async Task<IResult> CreateKeyAsync(
        HttpRequest request, ApiCaller caller, IApiKeyRepository keys, TimeProvider time, ApiOptions options, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, ApiJsonContext.Default.CreateKeyRequest, options);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var name = body.Value!.Name?.Trim() ?? "key";
        if (name.Length is 0 or > MaxNameLength)
        {
            return ApiProblems.Invalid("name", $"must be 1 to {MaxNameLength} characters");
        }

        var key = await IssueKeyAsync(keys, caller.TenantId, name, time, cancellationToken);
        return TypedResults.Created($"/api/v1/keys/{key.Id}", key);
    }

    private static async Task<IResult> RevokeKeyAsync(
        string id, ApiCaller caller, IApiKeyRepository keys, TimeProvider time, CancellationToken cancellationToken)
    {
        var stored = await keys.GetAsync(id, cancellationToken);
        if (stored is null || stored.Value.TenantId != caller.TenantId)
        {
            return ApiProblems.NotFound("key", id);
        }

        if (stored.Value.RevokedAt is not null)
        {
            return TypedResults.Ok(View(stored.Value));
        }

        var revoked = stored.Value with { RevokedAt = time.GetUtcNow() };
        return await keys.TryReplaceAsync(revoked, stored.ETag, cancellationToken)
            ? TypedResults.Ok(View(revoked))
            : ApiProblems.Conflict($"key '{id}' changed meanwhile; try again");
    }

    internal static async Task<ApiKeyCreated> IssueKeyAsync(IApiKeyRepository keys, string tenantId, string name, TimeProvider time, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (id, prefix, key) = ApiKeys.Create();
            if (await keys.TryAddAsync(new ApiKey(id, tenantId, name, prefix, ApiKeys.Hash(key), time.GetUtcNow()), cancellationToken))
            {
                return new ApiKeyCreated(id, prefix, key);
            }
        }
    }

    private static ApiKeyView View(ApiKey key) => new(key.Id, key.Name, key.Prefix, key.CreatedAt, key.LastUsedAt, key.RevokedAt);
}
