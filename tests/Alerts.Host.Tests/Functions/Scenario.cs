using Alerts.Storage;
using Alerts.Storage.Sqlite;
using Alerts.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Alerts.Host.Tests.AzureFunctions;

/// <summary>
/// One published handler process on its own SQLite data directory, optionally with a catalog imported through
/// <c>alerts import</c> (same binary, same store) whose webhook channel points at a loopback sink.
/// </summary>
public sealed class Scenario : IAsyncDisposable
{
    private readonly ITestOutputHelper _output;

    private Scenario(PublishedHandler published, string dataDirectory, HandlerProcess handler, LoopbackServer? sink, ITestOutputHelper output)
    {
        Published = published;
        DataDirectory = dataDirectory;
        Handler = handler;
        Sink = sink;
        _output = output;
    }

    public PublishedHandler Published { get; }

    public string DataDirectory { get; }

    public HandlerProcess Handler { get; }

    /// <summary>The webhook receiver of the imported channel (answers 204), when a catalog was imported.</summary>
    public LoopbackServer? Sink { get; }

    public string DatabasePath => Path.Combine(DataDirectory, "alerts.db");

    public static async Task<Scenario> StartAsync(
        PublishedHandler published, ITestOutputHelper output, bool withCatalog = false, IDictionary<string, string?>? settings = null, string tenant = "acme")
    {
        ArgumentNullException.ThrowIfNull(published);
        var data = Directory.CreateTempSubdirectory("alerts-functions-").FullName;
        var environment = new Dictionary<string, string?>
        {
            ["Alerts__AllowedPrivateHosts__0"] = "127.0.0.1",
            ["Alerts__WebhookTimeout"] = "00:00:10",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        LoopbackServer? sink = null;
        if (withCatalog)
        {
            sink = await LoopbackServer.StartAsync(StatusCodes.Status204NoContent);
            var file = Path.Combine(data, "catalog.json");
            await File.WriteAllTextAsync(file, Contract.Catalog(sink.Url("hook"), tenant));
            var importEnvironment = new Dictionary<string, string?>(environment)
            {
                ["Alerts__DataDirectory"] = data,
            };
            output?.WriteLine(await PublishedHandler.RunAsync(published.Executable, ["import", file], TimeSpan.FromMinutes(1), importEnvironment));
        }

        var handler = await HandlerProcess.StartAsync(published, data, environment);
        output?.WriteLine($"handler ({published.Origin}) ready in {handler.Startup.TotalMilliseconds:0} ms on port {handler.Port}");
        return new Scenario(published, data, handler, sink, output!);
    }

    /// <summary>The same SQLite store the handler uses, opened in the test process (WAL mode: both may read and write).</summary>
    public async Task<AlertStore> OpenStoreAsync() =>
        await AlertStore.CreateAsync(await SqliteEntityStore.OpenAsync(DatabasePath, CancellationToken.None), CancellationToken.None);

    /// <summary>Runs SQL against the store's entities table (fault injection: corrupt rows, failing triggers).</summary>
    public async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Handler.DisposeAsync();
        _output?.WriteLine(Handler.Output);
        if (Sink is not null)
        {
            await Sink.DisposeAsync();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: temp data of a killed handler.
        }
    }
}
