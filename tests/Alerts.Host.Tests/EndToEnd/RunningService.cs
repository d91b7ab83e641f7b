using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Alerts.Core.Model;
using Alerts.Core.Serialization;

namespace Alerts.Host.Tests.EndToEnd;

/// <summary><c>alerts run</c> as a child process on a free loopback port, with what tests ask of it: health, pushes, waiting.</summary>
public sealed class RunningService : IAsyncDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private RunningService(AlertsProcess process, int port)
    {
        Process = process;
        Port = port;
    }

    public AlertsProcess Process { get; }

    public int Port { get; }

    /// <summary>Starts the service (on <paramref name="port"/>, or a free one) and waits until /health answers.</summary>
    public static async Task<RunningService> StartAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, int? port = null)
    {
        var chosen = port ?? FreePort();
        var service = new RunningService(AlertsProcess.Start(workingDirectory, environment, "run", "--port", chosen.ToString(CultureInfo.InvariantCulture)), chosen);
        await service.WaitForHealthAsync(_ => true);
        return service;
    }

    public async Task<HttpStatusCode> PushAsync(IEnumerable<MarketEvent> events)
    {
        var body = "[" + string.Join(",", events.Select(e => JsonSerializer.Serialize(e, AlertsJsonContext.Default.MarketEvent))) + "]";
        using var response = await _http.PostAsync(Url("/api/events"), new StringContent(body, Encoding.UTF8, "application/json"));
        return response.StatusCode;
    }

    /// <summary>Polls /health until <paramref name="condition"/> holds; fails the test with the service's output if it never does.</summary>
    public async Task<JsonElement> WaitForHealthAsync(Func<JsonElement, bool> condition)
    {
        JsonElement health = default;
        await Eventually.HoldsAsync(
            async () =>
            {
                try
                {
                    using var document = JsonDocument.Parse(await _http.GetStringAsync(Url("/health")));
                    health = document.RootElement.Clone();
                    return condition(health);
                }
                catch (HttpRequestException)
                {
                    return false; // not listening yet
                }
            },
            Process);
        return health;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Process.DisposeAsync();
    }

    private Uri Url(string path) => new($"http://127.0.0.1:{Port}{path}");
}

/// <summary>Waiting for something a child process does, bounded so a broken build fails instead of hanging.</summary>
public static class Eventually
{
    public static Task HoldsAsync(Func<bool> condition, AlertsProcess process, TimeSpan? timeout = null) =>
        HoldsAsync(() => Task.FromResult(condition()), process, timeout);

    public static async Task HoldsAsync(Func<Task<bool>> condition, AlertsProcess process, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("alerts exited before the condition held:\n" + process.Output + process.Errors);
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("condition not reached:\n" + process.Output + process.Errors);
            }

            await Task.Delay(100);
        }
    }
}
