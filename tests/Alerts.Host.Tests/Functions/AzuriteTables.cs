using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Alerts.Host.Tests.AzureFunctions;

/// <summary>
/// Azurite's table service for the handler-on-Tables test: the one CI started (<c>ALERTS_TEST_AZURITE_TABLE_ENDPOINT</c>, see
/// .ci/azurite.sh), else an in-memory one started here from the repository's node_modules and stopped on dispose.
/// </summary>
public sealed class AzuriteTables : IAsyncDisposable
{
    public const string EndpointVariable = "ALERTS_TEST_AZURITE_TABLE_ENDPOINT";

    // The emulator's well-known account key: public by design, useless outside a local emulator.
    private const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process? _process;
    private readonly string? _workspace;

    private AzuriteTables(Uri endpoint, Process? process, string? workspace)
    {
        Endpoint = endpoint;
        _process = process;
        _workspace = workspace;
    }

    public Uri Endpoint { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentAccountKey};TableEndpoint={Endpoint.AbsoluteUri.TrimEnd('/')}";

    public static async Task<AzuriteTables> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(EndpointVariable) is { Length: > 0 } configured)
        {
            return new AzuriteTables(new Uri(configured), null, null);
        }

        var executable = Path.Combine(PublishedHandler.RepositoryRoot, "node_modules", ".bin", "azurite-table");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Azurite is not installed ({executable} is missing): run `npm ci`, or set {EndpointVariable}.");
        }

        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var workspace = Directory.CreateTempSubdirectory("alerts-azurite-").FullName;
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workspace,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "--inMemoryPersistence", "--tableHost", "127.0.0.1", "--tablePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--silent" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new AzuriteTables(new Uri($"http://127.0.0.1:{port}/devstoreaccount1"), process, workspace);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port);
                return azurite;
            }
            catch (SocketException) when (!process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(100);
            }
            catch (SocketException)
            {
                await azurite.DisposeAsync();
                throw new InvalidOperationException($"Azurite ({executable}) did not listen on port {port} within 60 s.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
            _process.Dispose();
        }

        if (_workspace is not null)
        {
            Directory.Delete(_workspace, recursive: true);
        }
    }
}
