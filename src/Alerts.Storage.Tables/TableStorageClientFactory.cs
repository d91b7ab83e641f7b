using Azure.Core;
using Azure.Identity;

namespace Alerts.Storage.Tables;

/// <summary>Picks the credential named by <see cref="TableStorageAccountOptions"/> and builds the client.</summary>
public static class TableStorageClientFactory
{
    public static TableStorageClient Create(TableStorageAccountOptions account, TableStorageClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        return account.Authentication switch
        {
            TableStorageAuthentication.ConnectionString => new TableStorageClient(
                string.IsNullOrWhiteSpace(account.ConnectionString)
                    ? throw new ArgumentException("Table Storage: ConnectionString is required when Authentication is ConnectionString.", nameof(account))
                    : account.ConnectionString,
                options),
            TableStorageAuthentication.ManagedIdentity => new TableStorageClient(EntraEndpoint(account), ManagedIdentity(account), options),
            TableStorageAuthentication.DefaultAzureCredential => new TableStorageClient(
                EntraEndpoint(account),
                new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = account.ManagedIdentityClientId }),
                options),
            _ => throw new ArgumentException($"Table Storage: unknown Authentication {account.Authentication}.", nameof(account)),
        };
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
