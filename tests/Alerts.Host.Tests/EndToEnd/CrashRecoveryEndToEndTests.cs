using System.Collections.Concurrent;
using System.Net;
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
        var import = await CatalogFiles.ImportValidAsync(_work, environment, receiver.Url("/hooks/desk"));
        Assert.True(import.ExitCode == 0, import.ToString());

        // First life: delivery paused, so evaluation leaves every delivery pending; then the process dies without warning.
        var paused = new Dictionary<string, string>(environment) { ["Alerts__DeliveryEnabled"] = "false" };
        int port;
        await using (var first = await RunningService.StartAsync(_work, paused))
        {
            port = first.Port;
            Assert.Equal(HttpStatusCode.Accepted, await first.PushAsync(SampleData.LoadDemoEvents()));
            var pending = await first.WaitForHealthAsync(h => h.GetProperty("pendingEvaluations").GetInt32() == 0 && h.GetProperty("pendingDeliveries").GetInt32() == 11);
            Assert.Equal(11, pending.GetProperty("pendingDeliveries").GetInt32()); // 5 filings x 2 channels + the level crossing
            await first.Process.KillAsync();
        }

        Assert.Empty(received);

        // Second life: delivery on. Start-up re-enqueues the pending rows.
        await using var second = await RunningService.StartAsync(_work, environment, port);
        await second.WaitForHealthAsync(h => h.GetProperty("pendingDeliveries").GetInt32() == 0);
        await Eventually.HoldsAsync(() => received.Count >= 6, second.Process); // six webhooks; five emails go to the outbox
        await Task.Delay(500); // a duplicate would arrive right behind the last delivery

        Assert.Equal(6, received.Count);
        Assert.Equal(6, received.Distinct().Count());
        Assert.Equal(5, Directory.GetFiles(Path.Combine(data, "outbox"), "*.eml").Length);
    }

    [Fact]
    public async Task Deliveries_queued_or_being_sent_when_the_process_is_killed_go_out_at_restart_without_waiting_out_their_leases()
    {
        var hang = true;
        var hanging = 0;
        var received = new ConcurrentBag<string>();
        await using var receiver = await LoopbackServer.StartAsync(async (request, context) =>
        {
            if (Volatile.Read(ref hang))
            {
                Interlocked.Increment(ref hanging);
                await Task.Delay(Timeout.Infinite, context.RequestAborted); // first life: every send hangs until the process dies
            }

            received.Add(request.Header("webhook-id") ?? "missing");
            context.Response.StatusCode = 204;
        });
        var data = Path.Combine(_work, "data");
        var environment = new Dictionary<string, string>(CatalogFiles.Environment(data)) { ["Alerts__WebhookTimeout"] = "00:00:30" };
        Assert.Equal(0, (await CatalogFiles.ImportValidAsync(_work, environment, receiver.Url("/hooks/desk"))).ExitCode);

        // First life: every delivery is evaluated and handed to the delivery pumps, whose sends hang; kill -9 while they do.
        int port;
        await using (var first = await RunningService.StartAsync(_work, environment))
        {
            port = first.Port;
            Assert.Equal(HttpStatusCode.Accepted, await first.PushAsync(SampleData.LoadDemoEvents()));
            await Eventually.HoldsAsync(() => Volatile.Read(ref hanging) == 6, first.Process);
            await first.Process.KillAsync();
        }

        // Second life: the leases (one minute by default) were the dead process's, so nothing waits them out.
        Volatile.Write(ref hang, false);
        await using var second = await RunningService.StartAsync(_work, environment, port);
        await Eventually.HoldsAsync(() => received.Distinct().Count() == 6, second.Process, TimeSpan.FromSeconds(30));
        await second.WaitForHealthAsync(h => h.GetProperty("pendingDeliveries").GetInt32() == 0);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
