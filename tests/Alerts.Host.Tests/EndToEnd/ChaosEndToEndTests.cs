using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Alerts.Core;
using Alerts.Core.Model;
using Alerts.Testing;
using Xunit.Abstractions;

namespace Alerts.Host.Tests.EndToEnd;

/// <summary>
/// kill -9 at random points while a few thousand events are pushed, restart, repeat: every alert is delivered, and a webhook
/// arrives twice only when its send was in flight at a kill, always with the same webhook-id.
/// </summary>
public sealed class ChaosEndToEndTests(ITestOutputHelper log) : IDisposable
{
    private const int Events = 2_000;
    private const int Kills = 3;
    private const int DeliveryWorkers = 8;
    private const string Tenant = "default";

    private readonly string _work = Directory.CreateTempSubdirectory("alerts-chaos-").FullName;

    [Fact]
    public async Task Killed_at_random_points_and_restarted_every_alert_is_delivered_and_only_in_flight_sends_repeat()
    {
        var seed = Random.Shared.Next();
        log.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var arrivals = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        await using var receiver = await LoopbackServer.StartAsync(async (request, context) =>
        {
            arrivals.AddOrUpdate(request.Header("webhook-id") ?? "missing", 1, (_, n) => n + 1);
            context.Response.StatusCode = 204;
            await Task.CompletedTask;
        });
        var data = Path.Combine(_work, "data");
        var environment = new Dictionary<string, string>(CatalogFiles.Environment(data))
        {
            ["Alerts__DeliveryWorkers"] = DeliveryWorkers.ToString(CultureInfo.InvariantCulture),
            ["Alerts__RedeliveryGrace"] = "00:00:02",

            // A send cut off by a kill holds its lease until it runs out; keep that short so the test does not wait a minute.
            ["Alerts__WebhookTimeout"] = "00:00:02",
            ["Alerts__DeliveryLease"] = "00:00:07",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        await ImportAsync(environment, receiver.BaseAddress);
        var events = Enumerable.Range(0, Events).Select(Event).ToList();
        // A new store makes time-ordered ids.
        var expected = events
            .Select(e => StableIds.Delivery(AlertIdLayout.TimeOrdered, StableIds.Alert(AlertIdLayout.TimeOrdered, Tenant, "any", e.Id, e.OccurredAt), e.OccurredAt, "desk"))
            .ToHashSet(StringComparer.Ordinal);
        var port = RunningService.FreePort();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        for (var life = 0; life < Kills; life++)
        {
            await using var service = await RunningService.StartAsync(_work, environment, port);
            log.WriteLine($"{clock.Elapsed}: life {life} started");
            var pushing = PushAllAsync(service, events, random.Next(100, 400));
            await Task.Delay(random.Next(300, 2_000)); // a random point in this life: ingesting, evaluating or sending
            await service.Process.KillAsync();
            await pushing;
            log.WriteLine($"{clock.Elapsed}: life {life} killed with {arrivals.Count} of {Events} delivered");
        }

        await using (var last = await RunningService.StartAsync(_work, environment, port))
        {
            log.WriteLine($"{clock.Elapsed}: last life started");
            await PushAllAsync(last, events, 500);
            log.WriteLine($"{clock.Elapsed}: pushed");
            await Eventually.HoldsAsync(() => expected.IsSubsetOf(arrivals.Keys), last.Process, TimeSpan.FromSeconds(120));
            log.WriteLine($"{clock.Elapsed}: all delivered");
            await last.WaitForHealthAsync(h => h.GetProperty("pendingEvaluations").GetInt32() == 0 && h.GetProperty("pendingDeliveries").GetInt32() == 0);
        }

        log.WriteLine($"{clock.Elapsed}: done");

        // Each kill can interrupt at most one send per delivery worker; only those are sent again, under the same webhook-id.
        var repeats = arrivals.Values.Sum(n => n - 1);
        log.WriteLine($"{repeats} repeated arrival(s)");
        Assert.Equal(expected.Order(StringComparer.Ordinal), arrivals.Keys.Order(StringComparer.Ordinal));
        Assert.InRange(repeats, 0, Kills * DeliveryWorkers);
    }

    /// <summary>Pushes every event in batches until done or the service is gone (a push to a dead process just stops).</summary>
    private static async Task PushAllAsync(RunningService service, List<MarketEvent> events, int batch)
    {
        foreach (var chunk in events.Chunk(batch))
        {
            try
            {
                if (await service.PushAsync(chunk) != HttpStatusCode.Accepted)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                return;
            }
        }
    }

    private static MarketEvent Event(int index) => MarketEvent.Of(new Announcement(
        Announcement.MakeId("hkex", "chaos-" + index), "hkex", "chaos-" + index,
        [new IssuerRef("HKEX", (index % 97).ToString("D5", CultureInfo.InvariantCulture), null)],
        "Announcement " + index, "en", [AnnouncementCategory.Other], "raw", null, new DateTimeOffset(2026, 1, 8, 1, 30, 0, TimeSpan.Zero).AddSeconds(index)));

    private async Task ImportAsync(IReadOnlyDictionary<string, string> environment, Uri receiver)
    {
        var catalog = Path.Combine(_work, "catalog.json");
        await File.WriteAllTextAsync(catalog, new JsonObject
        {
            ["channels"] = new JsonArray(new JsonObject
            {
                ["id"] = "desk", ["name"] = "Desk", ["kind"] = "Webhook", ["target"] = new Uri(receiver, "/hooks/desk").ToString(), ["secret"] = CatalogFiles.Secret,
            }),
            ["rules"] = new JsonArray(new JsonObject { ["kind"] = "announcement", ["id"] = "any", ["name"] = "any filing", ["companies"] = new JsonObject { ["any"] = true } }),
            ["subscriptions"] = new JsonArray(new JsonObject { ["id"] = "s", ["ruleId"] = "any", ["channelIds"] = new JsonArray("desk") }),
        }.ToJsonString());
        var import = await AlertsProcess.RunAsync(_work, environment, "import", catalog);
        Assert.True(import.ExitCode == 0, import.ToString());
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
