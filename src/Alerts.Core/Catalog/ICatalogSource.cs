namespace Alerts.Core.Catalog;

/// <summary>Hands evaluation the current catalog snapshot; implementations cache and rebuild it when the catalog changes.</summary>
public interface ICatalogSource
{
    Task<CatalogSnapshot> GetAsync(CancellationToken cancellationToken);

    /// <summary>Called after a write to rules, watchlists, channels, subscriptions or companies.</summary>
    void Invalidate();
}
