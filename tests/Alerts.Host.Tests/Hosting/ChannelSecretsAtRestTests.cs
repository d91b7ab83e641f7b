using System.Text;
using Alerts.Core.Model;
using Alerts.Hosting;
using Alerts.Hosting.Configuration;
using Alerts.Hosting.Security;
using Alerts.Storage;
using Alerts.Storage.Sqlite;
using Azure.Data.Tables;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Host.Tests.Hosting;

/// <summary>
/// Channel secrets in both stores are encrypted with the deployment's key ring: the raw SQLite file and the raw Azurite
/// table hold none of them, rows written before encryption still read and are sealed on their next write, and a key
/// rotation keeps what the old key protected readable.
/// </summary>
public sealed class ChannelSecretsAtRestTests : IDisposable
{
    /// <summary>A key-encryption key for tests only (32 bytes of base64).</summary>
    internal const string TestKeyEncryptionKey = "dGVzdC1vbmx5LWtleS1lbmNyeXB0aW9uLWtleS0zMmI=";

    private const string AzuriteVariable = "ALERTS_TEST_AZURITE_TABLE_ENDPOINT";
    private const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string _directory = Directory.CreateTempSubdirectory("alerts-secrets-").FullName;

    /// <summary>One channel of every kind, each credential carrying a marker the raw store must never show.</summary>
    private static Channel[] ChannelsOf(string tenant) =>
    [
        new(tenant, "hook", "Receiver", ChannelKind.Webhook, "https://hooks.example.com/in/MARK-webhook-path", "whsec_TUFSSy1zaWduaW5nLXNlY3JldC0xMjM0NTY=",
            Headers: new Dictionary<string, string> { ["Authorization"] = "Bearer MARK-header-token" }),
        new(tenant, "slack", "Slack", ChannelKind.Slack, "https://hooks.slack.com/services/T0/B0/MARK-slack-token"),
        new(tenant, "teams", "Teams", ChannelKind.Teams, "https://prod-00.westus.logic.azure.com/workflows/MARK-teams-flow/triggers/manual"),
        new(tenant, "discord", "Discord", ChannelKind.Discord, "https://discord.com/api/webhooks/1/MARK-discord-token"),
        new(tenant, "bus", "Bus", ChannelKind.ServiceBus, "sb://ns.servicebus.windows.net/alerts",
            "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=MARK-sas-key"),
        new(tenant, "mail", "Mail", ChannelKind.Email, "MARK-person@example.com"),
    ];

    private static readonly string[] Secrets =
        ["MARK-webhook-path", "TUFSSy1zaWduaW5nLXNlY3JldC0xMjM0NTY", "MARK-header-token", "MARK-slack-token", "MARK-teams-flow", "MARK-discord-token", "MARK-sas-key", "MARK-person"];

    [Fact]
    public async Task The_sqlite_file_holds_no_channel_secret_in_clear_and_every_channel_reads_back()
    {
        var store = await OpenSqliteAsync();
        foreach (var channel in ChannelsOf("t1"))
        {
            await store.Channels.UpsertAsync(channel, CancellationToken.None);
        }

        var read = await store.Channels.ListAsync("t1", CancellationToken.None);

        Assert.Equal(ChannelsOf("t1").Select(Describe).Order(), read.Select(Describe).Order());
        var raw = RawSqliteText();
        Assert.Contains("Receiver", raw, StringComparison.Ordinal);
        Assert.All(Secrets, secret => Assert.DoesNotContain(secret, raw, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_row_written_in_clear_before_encryption_still_reads_and_is_sealed_on_its_next_write()
    {
        var settings = Settings();
        var backend = await SqliteEntityStore.OpenAsync(settings.ResolvedDatabasePath, new SqliteStoreOptions(), CancellationToken.None);
        var legacy = await AlertStore.CreateAsync(backend, CancellationToken.None);
        var slack = ChannelsOf("t2")[1];
        await legacy.Channels.UpsertAsync(slack, CancellationToken.None);
        Assert.Contains("MARK-slack-token", RawSqliteText(), StringComparison.Ordinal);

        var store = await OpenSqliteAsync();
        var read = await store.Channels.GetAsync("t2", "slack", CancellationToken.None);
        Assert.Equal(slack.Target, read!.Target);
        await store.Channels.UpsertAsync(read with { Name = "Renamed" }, CancellationToken.None);

        // The row itself is sealed now (SQLite may keep the old bytes in a free page until it is reused or VACUUMed).
        var row = await backend.GetAsync("channels", "t2", "slack", CancellationToken.None);
        Assert.Contains("Renamed", row!.Data, StringComparison.Ordinal);
        Assert.DoesNotContain("MARK-slack-token", row.Data, StringComparison.Ordinal);
        Assert.Equal(slack.Target, (await store.Channels.GetAsync("t2", "slack", CancellationToken.None))!.Target);
    }

    [Fact]
    public async Task After_a_key_rotation_old_secrets_still_read_and_new_ones_use_the_new_key()
    {
        var store = await OpenSqliteAsync();
        var channels = ChannelsOf("t3");
        await store.Channels.UpsertAsync(channels[0], CancellationToken.None);
        var keys = Path.Combine(_directory, "keys");
        var oldKeyFiles = Directory.GetFiles(keys, "key-*.xml");

        // Rotation: a new key becomes the default (Data Protection does this itself every 90 days).
        var manager = new ServiceCollection().AddDataProtection().SetApplicationName(AlertsKeyRing.ApplicationName)
            .PersistKeysToFileSystem(new DirectoryInfo(keys)).Services.BuildServiceProvider().GetRequiredService<IKeyManager>();
        manager.CreateNewKey(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(90));

        var restarted = await OpenSqliteAsync();
        Assert.Equal(channels[0].Secret, (await restarted.Channels.GetAsync("t3", "hook", CancellationToken.None))!.Secret);
        await restarted.Channels.UpsertAsync(channels[1], CancellationToken.None);

        // Without the old key, only what the new key protected still opens.
        foreach (var file in oldKeyFiles)
        {
            File.Delete(file);
        }

        var withoutOldKey = await OpenSqliteAsync();
        Assert.Equal(channels[1].Target, (await withoutOldKey.Channels.GetAsync("t3", "slack", CancellationToken.None))!.Target);
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => withoutOldKey.Channels.GetAsync("t3", "hook", CancellationToken.None));
        Assert.All(Secrets, secret => Assert.DoesNotContain(secret, error.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_ciphertext_copied_into_another_tenants_row_does_not_open()
    {
        var settings = Settings();
        var store = await OpenSqliteAsync();
        await store.Channels.UpsertAsync(ChannelsOf("t4")[1], CancellationToken.None);
        var backend = await SqliteEntityStore.OpenAsync(settings.ResolvedDatabasePath, new SqliteStoreOptions(), CancellationToken.None);
        var row = await backend.GetAsync("channels", "t4", "slack", CancellationToken.None);
        await backend.UpsertAsync("channels", "t5", "slack", row!.Data.Replace("\"t4\"", "\"t5\"", StringComparison.Ordinal), CancellationToken.None);

        await Assert.ThrowsAsync<InvalidDataException>(() => store.Channels.GetAsync("t5", "slack", CancellationToken.None));
    }

    [Fact]
    public async Task The_azurite_table_holds_no_channel_secret_in_clear_and_its_key_ring_is_wrapped()
    {
        var endpoint = Environment.GetEnvironmentVariable(AzuriteVariable);
        Assert.False(string.IsNullOrWhiteSpace(endpoint), $"{AzuriteVariable} is not set: start Azurite with `source .ci/azurite.sh \"$PWD\"`.");
        var connection = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentAccountKey};TableEndpoint={endpoint}";
        var service = new TableServiceClient(connection);
        await service.CreateTableIfNotExistsAsync(AlertStore.KeyRingTable);
        var keyRing = service.GetTableClient(AlertStore.KeyRingTable);
        await foreach (var entity in keyRing.QueryAsync<TableEntity>())
        {
            await keyRing.DeleteEntityAsync(entity.PartitionKey, entity.RowKey); // a ring of this test's own, wrapped from the start
        }

        var configuration = Configuration(("Alerts:Tables:ConnectionString", connection), (KeyEncryptionKeys.CurrentSetting, TestKeyEncryptionKey));
        var store = await StoreFactory.OpenAsync(SettingsLoader.Load(configuration), configuration, CancellationToken.None);
        var tenant = "azurite-" + Guid.NewGuid().ToString("N");
        foreach (var channel in ChannelsOf(tenant))
        {
            await store.Channels.UpsertAsync(channel, CancellationToken.None);
        }

        Assert.Equal(6, (await store.Channels.ListAsync(tenant, CancellationToken.None)).Count);
        var raw = new StringBuilder();
        await foreach (var entity in service.GetTableClient("channels").QueryAsync<TableEntity>(e => e.PartitionKey == tenant))
        {
            foreach (var (name, value) in entity)
            {
                raw.Append(name).Append('=').Append(value).AppendLine();
            }
        }

        Assert.Contains("Receiver", raw.ToString(), StringComparison.Ordinal);
        Assert.All(Secrets, secret => Assert.DoesNotContain(secret, raw.ToString(), StringComparison.Ordinal));
        var ring = new List<string>();
        await foreach (var entity in keyRing.QueryAsync<TableEntity>())
        {
            ring.Add(string.Join(";", entity.Select(p => p.Value?.ToString())));
        }

        Assert.NotEmpty(ring);
        Assert.All(ring, row => Assert.DoesNotContain("masterKey", row, StringComparison.Ordinal));

        // Another instance (or a restart) unwraps the shared ring with the same key-encryption key, and only with it.
        var other = await StoreFactory.OpenAsync(SettingsLoader.Load(configuration), configuration, CancellationToken.None);
        Assert.Equal(ChannelsOf(tenant)[0].Secret, (await other.Channels.GetAsync(tenant, "hook", CancellationToken.None))!.Secret);
        var wrongKey = Configuration(("Alerts:Tables:ConnectionString", connection), (KeyEncryptionKeys.CurrentSetting, Convert.ToBase64String(new byte[32])));
        var stranger = await StoreFactory.OpenAsync(SettingsLoader.Load(wrongKey), wrongKey, CancellationToken.None);
        await Assert.ThrowsAsync<InvalidDataException>(() => stranger.Channels.GetAsync(tenant, "hook", CancellationToken.None));
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build();

    private static string Describe(Channel channel) =>
        $"{channel.Id}|{channel.Kind}|{channel.Target}|{channel.Secret}|{string.Join(",", channel.Headers?.Select(h => h.Key + ":" + h.Value) ?? [])}";

    private AlertsSettings Settings() => new() { DataDirectory = _directory };

    private Task<AlertStore> OpenSqliteAsync() =>
        StoreFactory.OpenAsync(Settings(), Configuration(("Alerts:DataDirectory", _directory)), CancellationToken.None);

    /// <summary>The database file and its write-ahead log, as bytes on disk.</summary>
    private string RawSqliteText()
    {
        var text = new StringBuilder();
        foreach (var file in Directory.GetFiles(_directory, "alerts.db*"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            text.Append(Encoding.UTF8.GetString(copy.ToArray()));
        }

        return text.ToString();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
