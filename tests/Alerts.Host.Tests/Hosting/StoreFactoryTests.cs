using Alerts.Core;
using Alerts.Hosting;
using Alerts.Hosting.Configuration;
using Alerts.Storage.Sqlite;
using Alerts.Storage.Tables;
using Microsoft.Extensions.Configuration;

namespace Alerts.Host.Tests.Hosting;

/// <summary>Which store the settings open, and that a bad setting is named without repeating a secret.</summary>
public sealed class StoreFactoryTests : IDisposable
{
    private const string Key = "c2VjcmV0LWtleS12YWx1ZQ==";

    private readonly string _directory = Directory.CreateTempSubdirectory("alerts-storefactory-").FullName;

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build();

    [Fact]
    public void Without_table_settings_the_store_is_the_sqlite_file()
    {
        Assert.Equal("sqlite", StoreFactory.Describe(Configuration()));
        Assert.Null(StoreFactory.TablesAccount(Configuration()));
    }

    [Fact]
    public void A_connection_string_selects_tables_with_that_string()
    {
        var account = StoreFactory.TablesAccount(Configuration(("Alerts:Tables:ConnectionString", "UseDevelopmentStorage=true")));

        Assert.Equal(TableStorageAuthentication.ConnectionString, account!.Authentication);
        Assert.Equal("UseDevelopmentStorage=true", account.ConnectionString);
        Assert.Equal("tables", StoreFactory.Describe(Configuration(("Alerts:Tables:ConnectionString", "UseDevelopmentStorage=true"))));
    }

    [Theory]
    [InlineData(null, TableStorageAuthentication.ManagedIdentity)]
    [InlineData("DefaultAzureCredential", TableStorageAuthentication.DefaultAzureCredential)]
    [InlineData("managedidentity", TableStorageAuthentication.ManagedIdentity)]
    public void An_endpoint_selects_an_identity(string? authentication, TableStorageAuthentication expected)
    {
        var settings = new List<(string, string)> { ("Alerts:Tables:Endpoint", "https://acct.table.core.windows.net"), ("Alerts:Tables:ClientId", "client-1") };
        if (authentication is not null)
        {
            settings.Add(("Alerts:Tables:Authentication", authentication));
        }

        var account = StoreFactory.TablesAccount(Configuration([.. settings]));

        Assert.Equal(expected, account!.Authentication);
        Assert.Equal("client-1", account.ManagedIdentityClientId);
        Assert.Equal(new Uri("https://acct.table.core.windows.net"), account.Endpoint);
    }

    [Theory]
    [InlineData("Alerts:Tables:Authentication", "Kerberos", "Alerts:Tables:Authentication")]
    [InlineData("Alerts:Tables:Endpoint", "not a url", "Alerts:Tables:Endpoint")]
    public void A_bad_setting_is_named(string setting, string value, string named)
    {
        var configuration = Configuration(("Alerts:Tables:ConnectionString", "UseDevelopmentStorage=true"), (setting, value));

        var error = Assert.Throws<InvalidSettingsException>(() => StoreFactory.TablesAccount(configuration));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_connection_string_fails_without_repeating_its_key()
    {
        var configuration = Configuration(("Alerts:Tables:ConnectionString", $"AccountName=acct;AccountKey={Key};Nonsense"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => StoreFactory.OpenAsync(Settings(), configuration, CancellationToken.None));

        Assert.DoesNotContain(Key, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Normal")]
    [InlineData("Full")]
    public async Task Either_durability_opens_a_working_sqlite_store(string durability)
    {
        var configuration = Configuration(("Alerts:Durability", durability), ("Alerts:DataDirectory", _directory));
        var settings = SettingsLoader.Load(configuration);

        var store = await StoreFactory.OpenAsync(settings, configuration, CancellationToken.None);

        Assert.Equal(Enum.Parse<StoreDurability>(durability), settings.Durability);
        Assert.NotEmpty(await store.Companies.ListAsync(CancellationToken.None)); // the reference companies were seeded
        Assert.True(File.Exists(Path.Combine(_directory, "alerts.db")));
    }

    private AlertsSettings Settings() => new() { DataDirectory = _directory };

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
