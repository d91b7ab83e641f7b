using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;

namespace Alerts.Storage.Tables;

/// <summary>
/// Builds the SDK's <see cref="TableServiceClient"/> for the credential <see cref="TableStorageAccountOptions"/> names. Errors
/// say which setting is wrong and never repeat a connection string or key.
/// </summary>
public static class TableServiceClientFactory
{
    public static TableServiceClient Create(TableStorageAccountOptions account, TableClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        return account.Authentication switch
        {
            TableStorageAuthentication.ConnectionString => FromConnectionString(account.ConnectionString, options),
            TableStorageAuthentication.ManagedIdentity => new TableServiceClient(EntraEndpoint(account), ManagedIdentity(account), options),
            TableStorageAuthentication.DefaultAzureCredential => new TableServiceClient(
                EntraEndpoint(account),
                new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = account.ManagedIdentityClientId }),
                options),
            _ => throw new ArgumentException($"Table Storage: unknown Authentication {account.Authentication}.", nameof(account)),
        };
    }

    private static TableServiceClient FromConnectionString(string? connectionString, TableClientOptions? options)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException("Table Storage: ConnectionString is required when Authentication is ConnectionString.", nameof(connectionString));
        }

        try
        {
            return new TableServiceClient(connectionString, options);
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or InvalidOperationException or UriFormatException)
        {
            // The SDK's message may quote the string, account key included: neither it nor the inner exception is passed on.
            throw new ArgumentException(
                "Table Storage: ConnectionString is not a valid storage connection string (expected UseDevelopmentStorage=true, or "
                + "AccountName, AccountKey and TableEndpoint or EndpointSuffix).",
                nameof(connectionString));
        }
    }

    private static TokenCredential ManagedIdentity(TableStorageAccountOptions account) =>
        account.ManagedIdentityClientId is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);

    private static Uri EntraEndpoint(TableStorageAccountOptions account) =>
        account.Endpoint is { Scheme: "https" } endpoint
            ? endpoint
            : throw new ArgumentException(
                $"Table Storage: Authentication {account.Authentication} needs an https Endpoint (bearer tokens are never sent over plain http).",
                nameof(account));
}
