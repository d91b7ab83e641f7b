namespace Alerts.Storage.Tables;

/// <summary>Which credential signs Table Storage requests.</summary>
public enum TableStorageAuthentication
{
    /// <summary>Shared key from <see cref="TableStorageAccountOptions.ConnectionString"/> (local development, Azurite).</summary>
    ConnectionString,

    /// <summary>The app's managed identity only (production in Azure).</summary>
    ManagedIdentity,

    /// <summary>Azure.Identity's DefaultAzureCredential chain (environment, workload and managed identity, developer sign-ins).</summary>
    DefaultAzureCredential,
}
