using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Alerts.Core.Serialization;
using Alerts.Sources.Samples;
using Alerts.Testing;

namespace Alerts.Host.Tests.EndToEnd;

/// <summary>
/// SIGTERM while a send hangs: the service stops within its grace period and gives the delivery back, so the next start
/// sends it at once instead of waiting for a lease to run out.
/// </summary>
public sealed class GracefulShutdownEndToEndTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("alerts-stop-").FullName;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Sigterm_releases_an_in_flight_delivery_and_the_next_start_sends_it_at_once()
    {
        var hang = new TaskCompletionSource();
        var received = new ConcurrentQueue<string>();
        await using var desk = await LoopbackServer.StartAsync(async (request, context) =>
        {
            received.Enqueue(request.Header("webhook-id") ?? "missing");
            if (received.Count == 1)
            {
                await hang.Task.WaitAsync(TimeSpan.FromSeconds(60)); // the first send never gets an answer in time
            }

            context.Response.StatusCode = 204;
        });
        var environment = CatalogFiles.Environment(Path.Combine(_work, "data"));
        environment["Alerts__ShutdownGrace"] = "00:00:01";
        environment["Alerts__WebhookTimeout"] = "00:01:00";
        environment["Alerts__DeliveryLease"] = "00:10:00"; // a lease left behind would hold the delivery for ten minutes
        var catalog = Path.Combine(_work, "catalog.json");
        await File.WriteAllTextAsync(catalog, CatalogFiles.Valid(desk.Url("/hooks/desk")));
        Assert.Equal(0, (await AlertsProcess.RunAsync(_work, environment, "import", catalog)).ExitCode);
        var port = FreePort();

        await using (var first = AlertsProcess.Start(_work, environment, "run", "--port", Port(port)))
        {
            await WaitForAsync(() => Healthy(port), first);
            var zhipu = SampleData.LoadDemoEvents().First(e => e.Id == "hkex:12305512");
            using var push = await _http.PostAsync(
                new Uri($"http://127.0.0.1:{port}/api/events"),
                new StringContent(JsonSerializer.Serialize(zhipu, AlertsJsonContext.Default.MarketEvent), Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Accepted, push.StatusCode);
            await WaitForAsync(() => Task.FromResult(!received.IsEmpty), first);

            var stopping = Stopwatch.StartNew();
            Signal(first.ProcessId, "TERM");
            await WaitForAsync(() => Task.FromResult(first.HasExited), first);
            Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(20), $"stopped in {stopping.Elapsed}");
        }

        await using var second = AlertsProcess.Start(_work, environment, "run", "--port", Port(port));
        await WaitForAsync(() => Task.FromResult(received.Count >= 2), second);

        Assert.Equal(2, received.Count); // the abandoned attempt and the delivery, with the same webhook-id
        Assert.Single(received.Distinct());
        hang.TrySetResult();
    }

    private async Task<bool> Healthy(int port)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, AlertsProcess process)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("condition not reached:\n" + process.Output + process.Errors);
            }

            await Task.Delay(100);
        }
    }

    private static void Signal(int processId, string signal)
    {
        using var kill = Process.Start("kill", $"-{signal} {processId}");
        kill.WaitForExit();
    }

    private static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(_work, recursive: true);
    }
}
