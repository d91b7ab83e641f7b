namespace Alerts.Storage.Tables.Tests;

public sealed class TableStorageClientFactoryTests
{
    [Fact]
    public void Connection_string_authentication_uses_the_connection_string()
    {
        var client = TableStorageClientFactory.Create(new TableStorageAccountOptions { ConnectionString = "UseDevelopmentStorage=true" });

        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), client.Endpoint);
    }

    [Theory]
    [InlineData(TableStorageAuthentication.ManagedIdentity, null)]
    [InlineData(TableStorageAuthentication.ManagedIdentity, "00000000-0000-0000-0000-000000000001")]
    [InlineData(TableStorageAuthentication.DefaultAzureCredential, null)]
    public void Entra_modes_need_only_the_https_endpoint(TableStorageAuthentication authentication, string? clientId)
    {
        var endpoint = new Uri("https://acct.table.core.windows.net");

        var client = TableStorageClientFactory.Create(
            new TableStorageAccountOptions { Authentication = authentication, Endpoint = endpoint, ManagedIdentityClientId = clientId });

        Assert.Equal(endpoint, client.Endpoint);
    }

    [Theory]
    [InlineData(TableStorageAuthentication.ConnectionString, null, "ConnectionString is required")]
    [InlineData(TableStorageAuthentication.ManagedIdentity, null, "needs an https Endpoint")]
    [InlineData(TableStorageAuthentication.DefaultAzureCredential, "http://127.0.0.1:10002/devstoreaccount1", "needs an https Endpoint")]
    public void Missing_settings_are_named(TableStorageAuthentication authentication, string? endpoint, string reason)
    {
        var account = new TableStorageAccountOptions { Authentication = authentication, Endpoint = endpoint is null ? null : new Uri(endpoint) };

        var error = Assert.Throws<ArgumentException>(() => TableStorageClientFactory.Create(account));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
