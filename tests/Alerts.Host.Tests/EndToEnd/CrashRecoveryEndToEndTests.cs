using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Alerts.Core.Serialization;
using Alerts.Sources.Samples;
using Alerts.Testing;

namespace Alerts.Host.Tests.EndToEnd;

/// <summary>
/// <c>alerts run</c> killed after evaluation, before delivery, and started again: the pending deliveries survive the crash and
/// each reaches its endpoint exactly once.
/// </summary>
public sealed class CrashRecoveryEndToEndTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("alerts-crash-").FullName;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Deliveries_pending_when_the_process_is_killed_are_delivered_exactly_once_after_restart()
    {
        var received = new ConcurrentBag<string>();
        await using var receiver = await LoopbackServer.StartAsync(async (request, context) =>
        {
            received.Add(request.Header("webhook-id") ?? "missing");
            context.Response.StatusCode = 204;
            await Task.CompletedTask;
        });
        var data = Path.Combine(_work, "data");
        var environment = CatalogFiles.Environment(data);
        var catalog = Path.Combine(_work, "catalog.json");
        await File.WriteAllTextAsync(catalog, CatalogFiles.Valid(receiver.Url("/hooks/desk")));
        var import = await AlertsProcess.RunAsync(_work, environment, "import", catalog);
        Assert.True(import.ExitCode == 0, import.ToString());

        // First life: delivery paused, so evaluation leaves every delivery pending; then the process dies without warning.
        var port = FreePort();
        var paused = new Dictionary<string, string>(environment) { ["Alerts__DeliveryEnabled"] = "false" };
        await using (var first = AlertsProcess.Start(_work, paused, "run", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            await WaitForHealthAsync(port, first);
            var events = SampleData.LoadDemoEvents();
            var body = "[" + string.Join(",", events.Select(e => JsonSerializer.Serialize(e, AlertsJsonContext.Default.MarketEvent))) + "]";
            using var push = await _http.PostAsync(Url(port, "/api/events"), new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Accepted, push.StatusCode);

            var pending = await WaitForAsync(port, first, h => h.GetProperty("pendingEvaluations").GetInt32() == 0 && h.GetProperty("pendingDeliveries").GetInt32() == 11);
            Assert.Equal(11, pending.GetProperty("pendingDeliveries").GetInt32()); // 5 filings x 2 channels + the level crossing
            await first.KillAsync();
        }

        Assert.Empty(received);

        // Second life: delivery on. Start-up re-enqueues the pending rows.
        await using var second = AlertsProcess.Start(_work, environment, "run", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await WaitForAsync(port, second, h => h.GetProperty("pendingDeliveries").GetInt32() == 0);
        await WaitUntilAsync(() => received.Count >= 6, second); // six webhooks; five emails go to the outbox

        Assert.Equal(6, received.Count);
        Assert.Equal(6, received.Distinct().Count());
        Assert.Equal(5, Directory.GetFiles(Path.Combine(data, "outbox"), "*.eml").Length);
    }

    private static Uri Url(int port, string path) => new($"http://127.0.0.1:{port}{path}");

    private async Task WaitForHealthAsync(int port, AlertsProcess process) => await WaitForAsync(port, process, _ => true);

    private async Task<JsonElement> WaitForAsync(int port, AlertsProcess process, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, "alerts run exited early:\n" + process.Output + process.Errors);
            try
            {
                using var document = JsonDocument.Parse(await _http.GetStringAsync(Url(port, "/health")));
                if (condition(document.RootElement))
                {
                    return document.RootElement.Clone();
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("health condition not reached:\n" + process.Output + process.Errors);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, AlertsProcess process)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("condition not reached:\n" + process.Output + process.Errors);
            }

            await Task.Delay(100);
        }

        await Task.Delay(500); // a duplicate would arrive right behind the last delivery
    }

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
