using Alerts.Core.Text;

namespace Alerts.Storage.Repositories;

public interface ICompanyAliasRepository
{
    Task<IReadOnlyList<CompanyAlias>> ListAsync(string tenantId, CancellationToken cancellationToken);

    Task PutAsync(CompanyAlias alias, CancellationToken cancellationToken);

    /// <summary>False when the tenant has no such alias.</summary>
    Task<bool> DeleteAsync(string tenantId, string alias, CancellationToken cancellationToken);
}

/// <summary>Aliases are keyed by their folded form, so "ZAI" and "ｚａｉ" are one alias.</summary>
internal sealed class CompanyAliasRepository(ManagementTables tables) : ICompanyAliasRepository
{
    public Task<IReadOnlyList<CompanyAlias>> ListAsync(string tenantId, CancellationToken cancellationToken) =>
        tables.Aliases.ListAsync(StoreTables.Key(tenantId), cancellationToken);

    public Task PutAsync(CompanyAlias alias, CancellationToken cancellationToken) =>
        tables.Aliases.UpsertAsync(StoreTables.Key(alias.TenantId), Row(alias.Alias), alias, cancellationToken);

    public Task<bool> DeleteAsync(string tenantId, string alias, CancellationToken cancellationToken) =>
        tables.Aliases.DeleteAsync(StoreTables.Key(tenantId), Row(alias), cancellationToken);

    private static string Row(string alias) => StoreTables.Key(TextNormalizer.Fold(alias));
}
