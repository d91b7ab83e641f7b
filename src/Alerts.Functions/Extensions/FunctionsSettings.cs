using Alerts.Hosting;
using Alerts.Core;
using Alerts.Hosting.Configuration;
using Alerts.Hosting.Security;
using Alerts.Sources.Feeds;
using Microsoft.Extensions.Configuration;
using static Alerts.Functions.Extensions.AppSettingNames;

namespace Alerts.Functions.Extensions;

/// <summary>
/// Everything the app reads at start-up, checked before anything is opened: a missing or unusable setting stops the app with
/// a message naming it. There is no fallback to a local SQLite file or an outbox folder: on Azure the store is Table Storage
/// and email goes through SendGrid or not at all.
/// </summary>
public sealed record FunctionsSettings(AlertsSettings Alerts, IReadOnlyList<FeedSourceOptions> Sources, StorageConnection Storage, string? SendGridApiKey)
{
    public static FunctionsSettings Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        foreach (var schedule in Schedules)
        {
            CheckSchedule(configuration, schedule, problems);
        }

        var storage = ReadStorage(configuration, problems);
        CheckTables(configuration, problems);
        CheckKeyRingKey(configuration, problems);
        var alerts = SettingsLoader.Load(configuration);
        var sources = SourceSettings.Load(configuration, alerts);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The Functions app cannot start: " + string.Join(" ", problems));
        }

        var sendGrid = new[] { Key(SendGridApiKeyOption), Key(AppSettingNames.SendGridApiKey) }.Select(k => configuration[k]).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        return new FunctionsSettings(alerts, sources, storage!, sendGrid);
    }

    private static void CheckSchedule(IConfiguration configuration, string setting, List<string> problems)
    {
        var value = configuration[setting];
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{setting} is not set (a 6-field NCRONTAB schedule such as '0 * * * * *').");
            return;
        }

        try
        {
            SourcePollSchedule.NextOccurrence(value, DateTimeOffset.UnixEpoch);
        }
        catch (FormatException exception)
        {
            problems.Add($"{setting}: {exception.Message}");
        }
    }

    private static StorageConnection? ReadStorage(IConfiguration configuration, List<string> problems)
    {
        var connectionString = configuration[Key(AppSettingNames.Storage)];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            if (StorageConnection.IsEmulator(connectionString))
            {
                return new StorageConnection(null, null, connectionString);
            }

            problems.Add($"{AppSettingNames.Storage} holds a connection string; on Azure set {StorageAccountName}, {StorageCredential}=managedidentity and {StorageClientId} instead (connection strings are accepted only for the local emulator).");
            return null;
        }

        var uri = configuration[Key(StorageQueueServiceUri)] is { Length: > 0 } explicitUri ? explicitUri
            : configuration[Key(StorageAccountName)] is { Length: > 0 } account ? $"https://{account}.queue.core.windows.net"
            : null;
        if (uri is null)
        {
            problems.Add($"{StorageAccountName} is not set (nor {StorageQueueServiceUri}): the storage account whose queues trigger the functions.");
        }
        else if (!Uri.TryCreate(uri, UriKind.Absolute, out _))
        {
            problems.Add($"{StorageQueueServiceUri} '{uri}' is not an absolute URL.");
        }

        var credential = configuration[Key(StorageCredential)];
        if (!string.Equals(credential, "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(string.IsNullOrWhiteSpace(credential)
                ? $"{StorageCredential} is not set; it must be 'managedidentity'."
                : $"{StorageCredential} is '{credential}'; it must be 'managedidentity'.");
        }

        var clientId = configuration[Key(StorageClientId)] is { Length: > 0 } id ? id : null;
        return uri is not null && Uri.TryCreate(uri, UriKind.Absolute, out var parsed) ? new StorageConnection(parsed, clientId, null) : null;
    }

    /// <summary>The key ring lives in the same storage account as the secrets it protects: it must be wrapped by a key kept apart.</summary>
    private static void CheckKeyRingKey(IConfiguration configuration, List<string> problems)
    {
        try
        {
            if (KeyEncryptionKeys.FromConfiguration(configuration) is null)
            {
                problems.Add($"{KeyRingKey} is not set: the key (base64 of 32 random bytes, from Key Vault) that wraps the key ring encrypting channel secrets.");
            }
        }
        catch (InvalidSettingsException exception)
        {
            problems.Add(exception.Message);
        }
    }

    private static void CheckTables(IConfiguration configuration, List<string> problems)
    {
        var section = configuration.GetSection(StoreFactory.TablesSection);
        if (section["ConnectionString"] is { Length: > 0 } connectionString)
        {
            if (!StorageConnection.IsEmulator(connectionString))
            {
                problems.Add($"{StoreFactory.TablesSection}:ConnectionString is accepted only for the local emulator; on Azure set {TablesEndpoint} and {TablesClientId}.");
            }

            return;
        }

        if (string.IsNullOrWhiteSpace(section["Endpoint"]))
        {
            problems.Add($"{TablesEndpoint} is not set: the Table Storage endpoint of the store (https://<account>.table.core.windows.net/).");
        }
    }
}
