namespace Alerts.Storage.Tables.Tests;

public sealed class TableServiceClientFactoryTests
{
    [Theory]
    [InlineData("UseDevelopmentStorage=true", "http://127.0.0.1:10002/devstoreaccount1")]
    [InlineData(
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + Azurite.AzuriteFixture.DevelopmentAccountKey
        + ";TableEndpoint=http://127.0.0.1:41234/devstoreaccount1",
        "http://127.0.0.1:41234/devstoreaccount1")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a2V5;EndpointSuffix=core.windows.net", "https://acct.table.core.windows.net/")]
    public void Connection_strings_select_their_endpoint(string connectionString, string endpoint)
    {
        var client = TableServiceClientFactory.Create(new TableStorageAccountOptions { ConnectionString = connectionString });

        Assert.Equal(new Uri(endpoint).AbsoluteUri.TrimEnd('/'), client.Uri.AbsoluteUri.TrimEnd('/'));
    }

    [Theory]
    [InlineData(TableStorageAuthentication.ManagedIdentity, null)]
    [InlineData(TableStorageAuthentication.ManagedIdentity, "00000000-0000-0000-0000-000000000001")]
    [InlineData(TableStorageAuthentication.DefaultAzureCredential, null)]
    public void Entra_modes_need_only_the_https_endpoint(TableStorageAuthentication authentication, string? clientId)
    {
        var endpoint = new Uri("https://acct.table.core.windows.net");

        var client = TableServiceClientFactory.Create(
            new TableStorageAccountOptions { Authentication = authentication, Endpoint = endpoint, ManagedIdentityClientId = clientId });

        Assert.Equal("acct", client.AccountName);
    }

    [Theory]
    [InlineData(TableStorageAuthentication.ConnectionString, null, "ConnectionString is required")]
    [InlineData(TableStorageAuthentication.ManagedIdentity, null, "needs an https Endpoint")]
    [InlineData(TableStorageAuthentication.DefaultAzureCredential, "http://127.0.0.1:10002/devstoreaccount1", "needs an https Endpoint")]
    public void Missing_settings_are_named(TableStorageAuthentication authentication, string? endpoint, string reason)
    {
        var account = new TableStorageAccountOptions { Authentication = authentication, Endpoint = endpoint is null ? null : new Uri(endpoint) };

        var error = Assert.Throws<ArgumentException>(() => TableServiceClientFactory.Create(account));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AccountName=acct;AccountKey=c2VjcmV0LWtleS12YWx1ZQ==;Nonsense")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=c2VjcmV0LWtleS12YWx1ZQ==;TableEndpoint=not a url")]
    [InlineData("c2VjcmV0LWtleS12YWx1ZQ==")]
    public void A_malformed_connection_string_is_refused_without_repeating_it(string connectionString)
    {
        var error = Assert.Throws<ArgumentException>(
            () => TableServiceClientFactory.Create(new TableStorageAccountOptions { ConnectionString = connectionString }));

        Assert.Null(error.InnerException);
        Assert.DoesNotContain("c2VjcmV0LWtleS12YWx1ZQ", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("ConnectionString is not a valid", error.Message, StringComparison.Ordinal);
    }
}
