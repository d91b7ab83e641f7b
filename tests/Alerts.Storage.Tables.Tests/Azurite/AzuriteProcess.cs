using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Alerts.Storage.Tables.Tests.Azurite;

/// <summary>An in-memory Azurite table service on a free loopback port, started from the repository's node_modules.</summary>
internal sealed class AzuriteProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly DirectoryInfo _workspace;

    private AzuriteProcess(Process process, DirectoryInfo workspace, Uri endpoint)
    {
        _process = process;
        _workspace = workspace;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public static async Task<AzuriteProcess> StartAsync(string repositoryRoot)
    {
        var executable = Path.Combine(repositoryRoot, "node_modules", ".bin", "azurite-table");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed ({executable} is missing): run `npm ci` in {repositoryRoot}, "
                + $"or start Azurite yourself and set {AzuriteFixture.EndpointVariable}=http://127.0.0.1:<port>/devstoreaccount1.");
        }

        var port = FreeLoopbackPort();
        var workspace = Directory.CreateTempSubdirectory("alerts-azurite-");
        var output = new ConcurrentQueue<string>();
        var process = new Process { StartInfo = StartInfo(executable, port, workspace.FullName) };
        process.OutputDataReceived += (_, line) => Collect(output, line.Data);
        process.ErrorDataReceived += (_, line) => Collect(output, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var azurite = new AzuriteProcess(process, workspace, new Uri($"http://127.0.0.1:{port}/devstoreaccount1"));
        var deadline = Stopwatch.StartNew();
        while (!await IsListeningAsync(azurite.Endpoint, CancellationToken.None))
        {
            if (process.HasExited || deadline.Elapsed > StartTimeout)
            {
                var reason = process.HasExited ? $"exited with code {process.ExitCode}" : $"did not listen within {StartTimeout.TotalSeconds} s";
                await azurite.DisposeAsync();
                throw new InvalidOperationException($"Azurite ({executable}) {reason}. Its output:\n{string.Join('\n', output)}");
            }

            await Task.Delay(100);
        }

        return azurite;
    }

    public static async Task<bool> IsListeningAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(endpoint.Host, endpoint.Port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _workspace.Delete(recursive: true);
    }

    private static ProcessStartInfo StartInfo(string executable, int port, string workspace)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workspace,
        };
        foreach (var argument in new[]
                 {
                     "--inMemoryPersistence", "--tableHost", "127.0.0.1", "--tablePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--skipApiVersionCheck", "--loose", "--disableTelemetry",
                 })
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Collect(ConcurrentQueue<string> output, string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }
}
