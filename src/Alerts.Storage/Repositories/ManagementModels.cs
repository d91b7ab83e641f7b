namespace Alerts.Storage.Repositories;

/// <summary>A person or a team: every catalog row, alert and delivery belongs to one.</summary>
public sealed record Tenant(string Id, string Name, DateTimeOffset CreatedAt);

/// <summary>
/// A tenant's API key as stored: never the key itself, only its SHA-256 <see cref="Hash"/> (hex) and the visible
/// <see cref="Prefix"/> people recognise it by. A revoked key stays listed with its revocation time.
/// </summary>
public sealed record ApiKey(
    string Id,
    string TenantId,
    string Name,
    string Prefix,
    string Hash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt = null,
    DateTimeOffset? RevokedAt = null);

/// <summary>A tenant's own name for a reference company ("智谱AI", "ZAI"), used when resolving what that tenant types.</summary>
public sealed record CompanyAlias(string TenantId, string Alias, string CompanyId);

/// <summary>One page of a listing and the opaque token for the next one (null on the last page).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? ContinuationToken);
