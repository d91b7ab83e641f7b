using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Alerts.Functions.Tests.Support;

/// <summary>
/// The Azurite that .ci/azurite.sh started (tests/test.sh sources it): its table and queue endpoints come from the environment.
/// Tests that use it run one at a time (<see cref="AzuriteCollection"/>) and start from empty tables and queues, because the
/// app's table and queue names are fixed.
/// </summary>
public sealed class AzuriteStorage
{
    public const string TableEndpointVariable = "ALERTS_TEST_AZURITE_TABLE_ENDPOINT";
    public const string QueueEndpointVariable = "ALERTS_TEST_AZURITE_QUEUE_ENDPOINT";

    // The emulator's well-known account key: public by design, useless outside a local emulator.
    private const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public AzuriteStorage()
    {
        TableEndpoint = Endpoint(TableEndpointVariable);
        QueueEndpoint = Endpoint(QueueEndpointVariable);
    }

    public Uri TableEndpoint { get; }

    public Uri QueueEndpoint { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentAccountKey};"
        + $"QueueEndpoint={QueueEndpoint.AbsoluteUri.TrimEnd('/')};TableEndpoint={TableEndpoint.AbsoluteUri.TrimEnd('/')}";

    /// <summary>A test's own client, base64 like the triggers; the service version Azurite 3.37.0 accepts.</summary>
    public QueueClient Queue(string name) => new(ConnectionString, name, new QueueClientOptions(QueueClientOptions.ServiceVersion.V2026_06_06)
    {
        MessageEncoding = QueueMessageEncoding.Base64,
    });

    public async Task ResetAsync()
    {
        var tables = new TableServiceClient(ConnectionString);
        await foreach (var table in tables.QueryAsync())
        {
            await tables.DeleteTableAsync(table.Name);
        }

        var queues = new QueueServiceClient(ConnectionString, new QueueClientOptions(QueueClientOptions.ServiceVersion.V2026_06_06));
        await foreach (QueueItem queue in queues.GetQueuesAsync())
        {
            await queues.DeleteQueueAsync(queue.Name);
        }
    }

    private static Uri Endpoint(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value && Uri.TryCreate(value, UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidOperationException($"{variable} is not set: start Azurite with `source .ci/azurite.sh` (tests/test.sh does).");
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteStorage>
{
    public const string Name = "Azurite";
}
