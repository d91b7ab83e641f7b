using Alerts.Core;
using Alerts.Hosting.Configuration;
using Alerts.Hosting.Security;
using Alerts.Storage;
using Alerts.Storage.Primitive;
using Alerts.Storage.Sqlite;
using Alerts.Storage.Tables;
using Microsoft.Extensions.Configuration;

namespace Alerts.Hosting;

/// <summary>
/// Picks the backend from configuration and opens it (migrations and tables included): Azure Table Storage when
/// <c>Alerts:Tables:ConnectionString</c> (shared key; <c>UseDevelopmentStorage=true</c> for Azurite) or
/// <c>Alerts:Tables:Endpoint</c> (Entra ID: the managed identity named by <c>Alerts:Tables:ClientId</c>, or the system-assigned
/// one) is set; the SQLite file under the data directory otherwise. <c>Alerts:Tables:Authentication</c> may name another
/// credential mode (<c>DefaultAzureCredential</c> for a developer sign-in).
/// </summary>
public static class StoreFactory
{
    public const string TablesSection = "Alerts:Tables";

    /// <summary>Opens the store with the environment's configuration (environment variables and <c>alerts.json</c>).</summary>
    public static Task<AlertStore> OpenAsync(AlertsSettings settings, CancellationToken cancellationToken) =>
        OpenAsync(settings, SettingsLoader.Configuration(), cancellationToken);

    public static async Task<AlertStore> OpenAsync(AlertsSettings settings, IConfiguration configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(configuration);
        var account = TablesAccount(configuration);
        IEntityStore backend = account is not null
            ? new TablesEntityStore(TableServiceClientFactory.Create(account))
            : await SqliteEntityStore.OpenAsync(
                settings.ResolvedDatabasePath, new SqliteStoreOptions { Durability = settings.Durability }, cancellationToken);
        // Channel secrets are encrypted with the deployment's one key ring (see AlertsKeyRing).
        var keyRing = await AlertsKeyRing.CreateAsync(settings, configuration, account is not null ? backend : null, cancellationToken);
        var store = await AlertStore.CreateAsync(backend, new DataProtectionChannelSecrets(keyRing), cancellationToken);
        await ReferenceCompanies.SeedAsync(store.Companies, cancellationToken);
        return store;
    }

    /// <summary>"tables" or "sqlite": which backend <see cref="OpenAsync(AlertsSettings, IConfiguration, CancellationToken)"/> opens.</summary>
    public static string Describe(IConfiguration configuration) => TablesAccount(configuration) is null ? "sqlite" : "tables";

    /// <summary>The Table Storage account configured under <see cref="TablesSection"/>, or null when none is.</summary>
    public static TableStorageAccountOptions? TablesAccount(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(TablesSection);
        var connectionString = section["ConnectionString"];
        var endpoint = section["Endpoint"];
        if (string.IsNullOrWhiteSpace(connectionString) && string.IsNullOrWhiteSpace(endpoint))
        {
            return null;
        }

        var byConnectionString = !string.IsNullOrWhiteSpace(connectionString);
        var authentication = byConnectionString ? TableStorageAuthentication.ConnectionString : TableStorageAuthentication.ManagedIdentity;
        if (section["Authentication"] is { Length: > 0 } named)
        {
            authentication = Enum.TryParse<TableStorageAuthentication>(named, ignoreCase: true, out var parsed)
                ? parsed
                : throw new InvalidSettingsException(
                    $"{TablesSection}:Authentication '{named}' is not one of {string.Join(", ", Enum.GetNames<TableStorageAuthentication>())}.");
        }

        return new TableStorageAccountOptions
        {
            Authentication = authentication,
            ConnectionString = byConnectionString ? connectionString : null,
            Endpoint = string.IsNullOrWhiteSpace(endpoint)
                ? null
                : Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? uri : throw new InvalidSettingsException($"{TablesSection}:Endpoint is not an absolute URL."),
            ManagedIdentityClientId = section["ClientId"] is { Length: > 0 } clientId ? clientId : null,
        };
    }
}
