namespace Alerts.Storage.Tables;

/// <summary>How the host reaches its Table Storage account; bound from configuration and turned into a client by <see cref="TableServiceClientFactory"/>.</summary>
public sealed class TableStorageAccountOptions
{
    public TableStorageAuthentication Authentication { get; set; } = TableStorageAuthentication.ConnectionString;

    /// <summary>For <see cref="TableStorageAuthentication.ConnectionString"/>: an account connection string or <c>UseDevelopmentStorage=true</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>For the Entra ID modes: the table endpoint, e.g. <c>https://myaccount.table.core.windows.net</c>.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>A user-assigned identity's client id; null uses the system-assigned identity.</summary>
    public string? ManagedIdentityClientId { get; set; }
}
