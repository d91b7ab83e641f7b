using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Alerts.Core.Model;
using Alerts.Core.Serialization;

namespace Alerts.Host.Tests.EndToEnd;

/// <summary>
/// The standalone service and the commands that run the pipeline themselves, on one data directory: one ingest path, one owner
/// at a time, and clear answers when something is in the way.
/// </summary>
public sealed class PipelineOwnershipEndToEndTests : IDisposable
{
    private static readonly DateTimeOffset Morning = new(2026, 1, 8, 1, 30, 0, TimeSpan.Zero);

    private readonly string _work = Directory.CreateTempSubdirectory("alerts-own-").FullName;

    private string Data => Path.Combine(_work, "data");

    private string Outbox => Path.Combine(Data, "outbox");

    private static MarketEvent Tick(decimal price, int minute) =>
        MarketEvent.Of(new PriceTick("2513.HK", price, 400m, 1_000, Morning.AddMinutes(minute), "HKD", "quotes"));

    [Fact]
    public async Task An_unsorted_push_is_evaluated_in_event_time_order_so_no_tick_is_dropped_as_late()
    {
        await ImportAllEmailAsync();
        await using var service = await RunningService.StartAsync(_work, CatalogFiles.Environment(Data));

        // In time order: 460 crosses 450, 430 falls back past the band, 470 crosses again. Pushed newest first.
        Assert.Equal(HttpStatusCode.Accepted, await service.PushAsync([Tick(470m, 3), Tick(460m, 1), Tick(430m, 2)]));

        await Eventually.HoldsAsync(() => Directory.Exists(Outbox) && Directory.GetFiles(Outbox, "*.eml").Length == 2, service.Process);
        await service.WaitForHealthAsync(h => h.GetProperty("pendingEvaluations").GetInt32() == 0 && h.GetProperty("pendingDeliveries").GetInt32() == 0);
    }

    [Fact]
    public async Task Replay_refuses_while_a_service_runs_on_the_same_data_and_runs_once_it_has_stopped()
    {
        await ImportAllEmailAsync();
        var events = Path.Combine(_work, "events.jsonl");
        await File.WriteAllLinesAsync(events, [JsonSerializer.Serialize(Tick(460m, 1), AlertsJsonContext.Default.MarketEvent)]);

        await using (var service = await RunningService.StartAsync(_work, CatalogFiles.Environment(Data)))
        {
            var refused = await AlertsProcess.RunAsync(_work, CatalogFiles.Environment(Data), "replay", events);
            var secondService = await AlertsProcess.RunAsync(_work, CatalogFiles.Environment(Data), "run", "--port", RunningService.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));

            Assert.True(refused.ExitCode == 3, refused.ToString());
            Assert.Contains("'alerts run'", refused.Errors, StringComparison.Ordinal);
            Assert.Contains("POST /api/events", refused.Errors, StringComparison.Ordinal);
            Assert.True(secondService.ExitCode == 3, secondService.ToString());
            Assert.False(Directory.Exists(Outbox) && Directory.GetFiles(Outbox).Length > 0);
            await service.Process.KillAsync(); // kill -9: the lock goes with the process
        }

        var replayed = await AlertsProcess.RunAsync(_work, CatalogFiles.Environment(Data), "replay", events);

        Assert.True(replayed.ExitCode == 0, replayed.ToString());
        Assert.Contains("Alerts raised: 1. Deliveries: 1 delivered", replayed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Pending in the store", replayed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_with_delivery_paused_says_what_stays_pending_and_who_sends_it()
    {
        await ImportAllEmailAsync();
        var events = Path.Combine(_work, "events.jsonl");
        await File.WriteAllLinesAsync(events, [JsonSerializer.Serialize(Tick(460m, 1), AlertsJsonContext.Default.MarketEvent)]);
        var paused = new Dictionary<string, string>(CatalogFiles.Environment(Data)) { ["Alerts__DeliveryEnabled"] = "false" };

        var replayed = await AlertsProcess.RunAsync(_work, paused, "replay", events);

        Assert.True(replayed.ExitCode == 0, replayed.ToString());
        Assert.Contains("Pending in the store: 0 evaluation(s), 1 delivery(ies) (delivery is paused", replayed.Output, StringComparison.Ordinal);
        Assert.Contains("`alerts run`", replayed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_on_a_port_already_in_use_prints_one_error_line_and_exits_non_zero()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var result = await AlertsProcess.RunAsync(_work, CatalogFiles.Environment(Data), "run", "--port", port);

        Assert.NotEqual(0, result.ExitCode);
        var errorLines = result.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(errorLines);
        Assert.Contains($"port {port}", line, StringComparison.Ordinal);
        Assert.Contains("already in use", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output + result.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Alerts__EmailFrom", "not an address", "Alerts:EmailFrom")]
    [InlineData("Alerts__HttpPort", "eighty", "Alerts:HttpPort")]
    [InlineData("Alerts__Telemetry__OtlpEndpoint", "collector", "Alerts:Telemetry:OtlpEndpoint")]
    [InlineData("Alerts__Retention__Events", "00:10:00", "Alerts:Retention:Events")]
    [InlineData("Alerts__Api__PublicBaseUrl", "alerts.example.com?x=1", "Alerts:Api:PublicBaseUrl")]
    public async Task Run_with_a_setting_that_cannot_work_names_it_in_one_line_and_exits_2(string variable, string value, string named)
    {
        var environment = new Dictionary<string, string>(CatalogFiles.Environment(Data)) { [variable] = value };

        var result = await AlertsProcess.RunAsync(_work, environment, "run");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output + result.Errors, StringComparison.Ordinal);
    }

    private async Task ImportAllEmailAsync()
    {
        var catalog = Path.Combine(_work, "catalog.json");
        await File.WriteAllTextAsync(catalog, CatalogFiles.AllEmail());
        var import = await AlertsProcess.RunAsync(_work, CatalogFiles.Environment(Data), "import", catalog);
        Assert.True(import.ExitCode == 0, import.ToString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_work, recursive: true);
    }
}
