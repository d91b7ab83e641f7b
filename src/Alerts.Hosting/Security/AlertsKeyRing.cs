using Alerts.Hosting.Configuration;
using Alerts.Storage;
using Alerts.Storage.Primitive;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Hosting.Security;

/// <summary>
/// The one Data Protection key ring of a deployment, shared by every instance: in the data directory standalone
/// (<c>{DataDirectory}/keys</c>, or <c>Alerts:Api:KeysDirectory</c>), in the store's <see cref="AlertStore.KeyRingTable"/>
/// table on Table Storage. With <see cref="KeyEncryptionKeys"/> configured (required on Azure, where it comes from Key Vault)
/// every key of the ring is wrapped before it is written. Data Protection rotates keys itself (every 90 days) and keeps
/// the old ones, so values protected under them stay readable.
/// </summary>
public static class AlertsKeyRing
{
    public const string ApplicationName = "Alerts";

    /// <param name="tables">The Table Storage backend when the store is on Tables; null for the SQLite store.</param>
    public static async Task<IDataProtectionProvider> CreateAsync(AlertsSettings settings, IConfiguration configuration, IEntityStore? tables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(configuration);
        var services = new ServiceCollection();
        services.AddLogging();
        var builder = services.AddDataProtection().SetApplicationName(ApplicationName);
        if (tables is null)
        {
            builder.PersistKeysToFileSystem(new DirectoryInfo(KeysDirectory(settings, configuration)));
        }
        else
        {
            await tables.EnsureTableAsync(AlertStore.KeyRingTable, cancellationToken);
            services.Configure<KeyManagementOptions>(options => options.XmlRepository = new StoreXmlRepository(tables));
        }

        if (KeyEncryptionKeys.FromConfiguration(configuration) is { } keys)
        {
            services.AddSingleton(keys);
            services.Configure<KeyManagementOptions>(options => options.XmlEncryptor = new KeyRingEncryptor(keys));
        }

        return services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>();
    }

    public static string KeysDirectory(AlertsSettings settings, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration["Alerts:Api:KeysDirectory"] is { Length: > 0 } configured ? configured : Path.Combine(settings.DataDirectory, "keys");
    }
}
