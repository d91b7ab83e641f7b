using Azure.Data.Tables;

namespace Alerts.Storage.Tables.Tests.Azurite;

/// <summary>
/// Azurite's table service for the tests: the one named by <see cref="EndpointVariable"/> when CI started it, else one this
/// fixture starts from the repository's node_modules and stops on dispose. When neither works, every test fails with the reason.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string EndpointVariable = "ALERTS_TEST_AZURITE_TABLE_ENDPOINT";

    private AzuriteProcess? _process;

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Azurite's well-known development account (published in its documentation; not a secret).</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>An explicit-endpoint connection string, as a user running Azurite on another port writes it.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={DevelopmentAccountName};AccountKey={DevelopmentAccountKey};TableEndpoint={Endpoint}";

    public TableServiceClient CreateClient(TableClientOptions? options = null) =>
        TableServiceClientFactory.Create(new TableStorageAccountOptions { ConnectionString = ConnectionString }, options);

    /// <summary>A table name no other test uses: letters and digits, starting with a letter.</summary>
    public static string NewTableName(string prefix = "t") => prefix + Guid.NewGuid().ToString("N")[..16];

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EndpointVariable);
        if (string.IsNullOrWhiteSpace(configured))
        {
            _process = await AzuriteProcess.StartAsync(RepositoryRoot.Find());
            Endpoint = _process.Endpoint;
            return;
        }

        if (!Uri.TryCreate(configured, UriKind.Absolute, out var endpoint))
        {
            throw new InvalidOperationException($"{EndpointVariable}='{configured}' is not an absolute URL.");
        }

        if (!await AzuriteProcess.IsListeningAsync(endpoint, CancellationToken.None))
        {
            throw new InvalidOperationException($"{EndpointVariable}={configured}, but nothing answers there. Is Azurite running?");
        }

        Endpoint = endpoint;
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}
