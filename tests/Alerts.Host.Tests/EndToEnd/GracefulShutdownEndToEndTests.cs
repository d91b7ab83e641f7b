using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
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
        Assert.Equal(0, (await CatalogFiles.ImportValidAsync(_work, environment, desk.Url("/hooks/desk"))).ExitCode);
        int port;
        await using (var first = await RunningService.StartAsync(_work, environment))
        {
            port = first.Port;
            Assert.Equal(HttpStatusCode.Accepted, await first.PushAsync([SampleData.LoadDemoEvents().First(e => e.Id == "hkex:202608281905-02513-14200+14300-1")]));
            await Eventually.HoldsAsync(() => !received.IsEmpty, first.Process);

            var stopping = Stopwatch.StartNew();
            Signal(first.Process.ProcessId, "TERM");
            await Eventually.HoldsAsync(() => first.Process.HasExited, first.Process, TimeSpan.FromSeconds(30));
            Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(20), $"stopped in {stopping.Elapsed}");
        }

        await using var second = await RunningService.StartAsync(_work, environment, port);
        await Eventually.HoldsAsync(() => received.Count >= 2, second.Process, TimeSpan.FromSeconds(30));

        Assert.Equal(2, received.Count); // the abandoned attempt and the delivery, with the same webhook-id
        Assert.Single(received.Distinct());
        hang.TrySetResult();
    }

    private static void Signal(int processId, string signal)
    {
        using var kill = Process.Start("kill", $"-{signal} {processId}");
        kill.WaitForExit();
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
