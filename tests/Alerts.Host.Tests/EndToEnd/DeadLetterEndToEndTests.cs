using System.Collections.Concurrent;
using System.Text.Json;
using Alerts.Core.Serialization;
using Alerts.Sources.Samples;
using Alerts.Testing;

namespace Alerts.Host.Tests.EndToEnd;

/// <summary>A rejected delivery is dead-lettered, shows up in the delivery log, and can be redelivered once the endpoint is fixed.</summary>
public sealed class DeadLetterEndToEndTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("alerts-dead-").FullName;

    [Fact]
    public async Task A_dead_lettered_delivery_is_listed_and_redelivered_with_the_same_webhook_id()
    {
        var rejecting = true;
        var received = new ConcurrentQueue<string>();
        await using var desk = await LoopbackServer.StartAsync(async (request, context) =>
        {
            received.Enqueue(request.Header("webhook-id") ?? "missing");
            context.Response.StatusCode = Volatile.Read(ref rejecting) ? 400 : 204;
            await Task.CompletedTask;
        });
        var environment = CatalogFiles.Environment(Path.Combine(_work, "data"));
        Assert.Equal(0, (await CatalogFiles.ImportValidAsync(_work, environment, desk.Url("/hooks/desk"))).ExitCode);
        var minimax = SampleData.LoadDemoEvents().Single(e => e.Id == "hkex:202609091230-00100-14200-1");
        var events = Path.Combine(_work, "events.jsonl");
        await File.WriteAllTextAsync(events, JsonSerializer.Serialize(minimax, AlertsJsonContext.Default.MarketEvent));

        var replay = await AlertsProcess.RunAsync(_work, environment, "replay", events);
        Assert.Contains("1 dead-lettered", replay.Output, StringComparison.Ordinal);

        var list = await AlertsProcess.RunAsync(_work, environment, "deliveries", "list", "--status", "DeadLettered");
        var line = Assert.Single(list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("desk", line, StringComparison.Ordinal);
        Assert.Contains("HTTP 400", line, StringComparison.Ordinal);
        var deliveryId = line.Split("  ")[0];

        Volatile.Write(ref rejecting, false);
        var redeliver = await AlertsProcess.RunAsync(_work, environment, "deliveries", "redeliver", deliveryId);

        Assert.True(redeliver.ExitCode == 0, redeliver.ToString());
        Assert.Contains("Delivered", redeliver.Output, StringComparison.Ordinal);
        Assert.Equal([deliveryId, deliveryId], received.ToArray());
        Assert.Empty((await AlertsProcess.RunAsync(_work, environment, "deliveries", "list", "--status", "DeadLettered")).Output.Trim());
        var again = await AlertsProcess.RunAsync(_work, environment, "deliveries", "redeliver", deliveryId);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("is Delivered, not dead-lettered", again.Errors, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
