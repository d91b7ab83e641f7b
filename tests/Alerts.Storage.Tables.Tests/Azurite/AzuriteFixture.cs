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

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={TableStorageConnectionString.DevelopmentAccountName};"
        + $"AccountKey={TableStorageConnectionString.DevelopmentAccountKey};TableEndpoint={Endpoint}";

    public TableStorageClient CreateClient(TableStorageClientOptions? options = null) => new(ConnectionString, options);

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
