using Alerts.Functions.Extensions;
using Alerts.Functions.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Alerts.Functions.Tests.Startup;

/// <summary>Start-up refuses what would not work on Azure, naming the setting, before anything is opened.</summary>
public sealed class StartupTests
{
    private static readonly Dictionary<string, string> Identity = new()
    {
        [AppSettingNames.StorageAccountName] = "stalerts",
        [AppSettingNames.StorageCredential] = "managedidentity",
        [AppSettingNames.StorageClientId] = "00000000-0000-0000-0000-000000000001",
        [AppSettingNames.TablesEndpoint] = "https://stalerts.table.core.windows.net/",
        [AppSettingNames.TablesClientId] = "00000000-0000-0000-0000-000000000001",
        [AppSettingNames.PollSchedule] = "0 * * * * *",
        [AppSettingNames.RetryDueSchedule] = "*/30 * * * * *",
        [AppSettingNames.RetentionSchedule] = "0 30 3 * * *",
        [AppSettingNames.KeyRingKey] = "dGVzdC1vbmx5LWtleS1lbmNyeXB0aW9uLWtleS0zMmI=",
    };

    [Theory]
    [InlineData(AppSettingNames.StorageAccountName)]
    [InlineData(AppSettingNames.StorageCredential)]
    [InlineData(AppSettingNames.TablesEndpoint)]
    [InlineData(AppSettingNames.PollSchedule)]
    [InlineData(AppSettingNames.RetryDueSchedule)]
    [InlineData(AppSettingNames.RetentionSchedule)]
    [InlineData(AppSettingNames.KeyRingKey)]
    public async Task The_app_process_exits_naming_a_missing_setting(string missing)
    {
        var environment = Identity.Where(p => p.Key != missing).ToDictionary();

        var result = await ProcessRunner.RunAsync(
            "dotnet", AppContext.BaseDirectory, TimeSpan.FromMinutes(1), environment, Path.Combine(AppContext.BaseDirectory, "Alerts.Functions.dll"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"{missing} is not set", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Identity.Keys.Where(k => k != missing), key => result.Error.Contains($"{key} is not set", StringComparison.Ordinal));
    }

    [Fact]
    public void Identity_settings_give_the_queue_endpoint_and_the_user_assigned_identity()
    {
        var settings = FunctionsSettings.Load(Configuration(Identity));

        Assert.Equal(new Uri("https://stalerts.queue.core.windows.net"), settings.Storage.QueueServiceUri);
        Assert.Equal("00000000-0000-0000-0000-000000000001", settings.Storage.ClientId);
        Assert.Null(settings.Storage.EmulatorConnectionString);
        Assert.Null(settings.SendGridApiKey);
    }

    [Theory]
    [InlineData(AppSettingNames.SendGridApiKey)]
    [InlineData(AppSettingNames.SendGridApiKeyOption)]
    public void The_SendGrid_key_is_read_from_either_name(string setting)
    {
        var settings = FunctionsSettings.Load(Configuration(new Dictionary<string, string>(Identity) { [setting] = "SG.key" }));

        Assert.Equal("SG.key", settings.SendGridApiKey);
    }

    [Theory]
    [InlineData("AzureWebJobsStorage", "DefaultEndpointsProtocol=https;AccountName=stalerts;AccountKey=a2V5;EndpointSuffix=core.windows.net", "connection strings are accepted only for the local emulator")]
    [InlineData("Alerts__Tables__ConnectionString", "DefaultEndpointsProtocol=https;AccountName=stalerts;AccountKey=a2V5;EndpointSuffix=core.windows.net", "accepted only for the local emulator")]
    [InlineData(AppSettingNames.StorageCredential, "connectionstring", "it must be 'managedidentity'")]
    [InlineData(AppSettingNames.PollSchedule, "*/5 * * * *", "not a 6-field NCRONTAB expression")]
    [InlineData(AppSettingNames.KeyRingKey, "c2hvcnQ=", "must be 32 bytes")]
    [InlineData(AppSettingNames.KeyRingKey, "not base64!", "is not base64")]
    public void Unusable_settings_are_refused_with_the_reason(string setting, string value, string reason)
    {
        var values = new Dictionary<string, string>(Identity) { [setting] = value };

        var error = Assert.Throws<InvalidOperationException>(() => FunctionsSettings.Load(Configuration(values)));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UseDevelopmentStorage=true", true)]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1", true)]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;QueueEndpoint=http://10.0.0.4:10001/devstoreaccount1", false)]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=stalerts;AccountKey=a2V5;EndpointSuffix=core.windows.net", false)]
    public void Only_an_emulator_connection_string_counts_as_the_emulator(string connectionString, bool emulator) =>
        Assert.Equal(emulator, StorageConnection.IsEmulator(connectionString));

    private static IConfiguration Configuration(IReadOnlyDictionary<string, string> appSettings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(appSettings.Select(p => new KeyValuePair<string, string?>(AppSettingNames.Key(p.Key), p.Value)))
            .Build();
}
