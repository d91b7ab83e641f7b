using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Alerts.Sources.Samples;
using Alerts.Testing;

namespace Alerts.Host.Tests.EndToEnd;

/// <summary><c>alerts run</c> sends OTLP to a collector only when one is configured.</summary>
public sealed class TelemetryEndToEndTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("alerts-otlp-").FullName;

    [Fact]
    public async Task With_an_otlp_endpoint_the_stage_spans_and_counters_of_a_delivered_push_reach_the_collector()
    {
        await using var collector = await LoopbackServer.StartAsync(200, contentType: "application/x-protobuf");
        var environment = await PrepareAsync(await StartDeskAsync());
        environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.BaseAddress.AbsoluteUri;
        environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        environment["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        environment["OTEL_METRIC_EXPORT_INTERVAL"] = "500";

        await using var service = await RunningService.StartAsync(_work, environment);
        Assert.Equal(HttpStatusCode.Accepted, await service.PushAsync([SampleData.LoadDemoEvents().First(e => e.Id == "hkex:202608281905-02513-14200+14300-1")]));
        await Eventually.HoldsAsync(() => _desk!.Requests.Count == 1, service.Process);

        await Eventually.HoldsAsync(() => Received(collector, "/v1/traces", "DeliverAlert") && Received(collector, "/v1/metrics", "alerts.deliveries"), service.Process);
        var traces = collector.Requests.Where(r => r.PathAndQuery == "/v1/traces").ToList();
        Assert.All(traces, r => Assert.Equal("application/x-protobuf", r.Header("Content-Type")));
        foreach (var stage in new[] { "PushEvents", "EvaluateEvent", "DeliverAlert" })
        {
            Assert.True(Received(collector, "/v1/traces", stage), $"no {stage} span was exported");
        }

        Assert.True(Received(collector, "/v1/metrics", "alerts.events.ingested"));
    }

    [Fact]
    public async Task Without_an_endpoint_nothing_is_sent_even_when_the_service_stops_and_flushes()
    {
        await using var collector = await LoopbackServer.StartAsync(200);
        var environment = await PrepareAsync(await StartDeskAsync());
        environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = ""; // whatever the test runner's own environment says
        environment["Alerts__Telemetry__OtlpEndpoint"] = "";
        environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";

        await using var service = await RunningService.StartAsync(_work, environment);
        Assert.Equal(HttpStatusCode.Accepted, await service.PushAsync([SampleData.LoadDemoEvents().First(e => e.Id == "hkex:202608281905-02513-14200+14300-1")]));
        await Eventually.HoldsAsync(() => _desk!.Requests.Count == 1, service.Process);
        using (var term = Process.Start("kill", $"-TERM {service.Process.ProcessId}"))
        {
            await term.WaitForExitAsync();
        }

        await Eventually.HoldsAsync(() => service.Process.HasExited, service.Process, TimeSpan.FromSeconds(30));
        Assert.Empty(collector.Requests);
        Assert.DoesNotContain("OTLP", service.Process.Errors, StringComparison.OrdinalIgnoreCase);
    }

    private LoopbackServer? _desk;

    private async Task<LoopbackServer> StartDeskAsync() => _desk = await LoopbackServer.StartAsync(204);

    private async Task<Dictionary<string, string>> PrepareAsync(LoopbackServer desk)
    {
        var environment = CatalogFiles.Environment(Path.Combine(_work, "data"));
        Assert.Equal(0, (await CatalogFiles.ImportValidAsync(_work, environment, desk.Url("/hooks/desk"))).ExitCode);
        return environment;
    }

    /// <summary>Protobuf keeps strings as UTF-8 bytes, so a span or instrument name shows up verbatim in the request body.</summary>
    private static bool Received(LoopbackServer collector, string path, string name)
    {
        var needle = Encoding.UTF8.GetBytes(name);
        return collector.Requests.Any(r => r.PathAndQuery == path && r.Body.AsSpan().IndexOf(needle) >= 0);
    }

    public void Dispose()
    {
        _desk?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_work, recursive: true);
    }
}
