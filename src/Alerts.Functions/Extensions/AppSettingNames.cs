namespace Alerts.Functions.Extensions;

/// <summary>
/// The app settings this app reads, by the names Azure gives them (<c>__</c> separates sections). infra/main.bicep must set
/// each of <see cref="Required"/>; the tests read this list, so a setting added here and forgotten there fails them.
/// </summary>
public static class AppSettingNames
{
    /// <summary>The connection the queue triggers use (their default <c>Connection</c>) and our own queue clients.</summary>
    public const string Storage = "AzureWebJobsStorage";
    public const string StorageAccountName = Storage + "__accountName";
    public const string StorageQueueServiceUri = Storage + "__queueServiceUri";
    public const string StorageCredential = Storage + "__credential";
    public const string StorageClientId = Storage + "__clientId";

    /// <summary>The store's Table Storage endpoint and the identity it is reached with (read by StoreFactory).</summary>
    public const string TablesEndpoint = "Alerts__Tables__Endpoint";
    public const string TablesClientId = "Alerts__Tables__ClientId";

    /// <summary>The SendGrid key: a Key Vault reference on Azure. <see cref="SendGridApiKeyOption"/> is the equivalent option.</summary>
    public const string SendGridApiKey = "SendGridApiKey";
    public const string SendGridApiKeyOption = "Alerts__SendGrid__ApiKey";

    /// <summary>
    /// The key that wraps the Data Protection key ring (which encrypts channel secrets) in the store: base64 of 32 random
    /// bytes, a Key Vault reference on Azure.
    /// </summary>
    public const string KeyRingKey = "Alerts__DataProtection__KeyEncryptionKey";

    /// <summary>Timer schedules, referenced as <c>%PollSchedule%</c>, <c>%RetryDueSchedule%</c> and <c>%RetentionSchedule%</c> by the timer triggers.</summary>
    public const string PollSchedule = "PollSchedule";
    public const string RetryDueSchedule = "RetryDueSchedule";
    public const string RetentionSchedule = "RetentionSchedule";

    public static IReadOnlyList<string> Schedules { get; } = [PollSchedule, RetryDueSchedule, RetentionSchedule];

    /// <summary>The settings infra/main.bicep must set for the app to start on Azure.</summary>
    public static IReadOnlyList<string> Required { get; } =
        [StorageAccountName, StorageCredential, StorageClientId, TablesEndpoint, TablesClientId, SendGridApiKey, KeyRingKey, PollSchedule, RetryDueSchedule, RetentionSchedule];

    /// <summary>The configuration key of a setting (<c>Alerts__Tables__Endpoint</c> is <c>Alerts:Tables:Endpoint</c>).</summary>
    public static string Key(string setting) => setting.Replace("__", ":", StringComparison.Ordinal);
}
