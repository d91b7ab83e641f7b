using Alerts.Host.Configuration;
using Alerts.Storage;
using Alerts.Storage.Sqlite;

namespace Alerts.Host.Composition;

/// <summary>Picks the backend from configuration and opens it (migrations and tables included).</summary>
public static class StoreFactory
{
    public static async Task<AlertStore> OpenAsync(AlertsSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var sqlite = await SqliteEntityStore.OpenAsync(settings.ResolvedDatabasePath, cancellationToken);
        var store = await AlertStore.CreateAsync(sqlite, cancellationToken);
        await ReferenceCompanies.SeedAsync(store.Companies, cancellationToken);
        return store;
    }
}
