using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Alerts.Host.Bench;

/// <summary>The yardsticks: the raw loopback HttpClient ceiling, the old replay, and Prometheus Alertmanager on the same receiver.</summary>
public sealed class BenchPeers(BenchReceiver receiver, BenchOptions options, BenchStages stages)
{
    /// <summary>Requests/s 64 concurrent HttpClient senders get from the receiver: the most any sender could deliver here.</summary>
    public async Task<double> RawCeilingAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 });
        var url = receiver.Url("raw");
        var count = 0;
        var started = Stopwatch.GetTimestamp();
        var until = started + (long)(options.RawProbe.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < until)
            {
                using var content = new StringContent("{}", Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(url, content, cancellationToken);
                Interlocked.Increment(ref count);
            }
        }, cancellationToken)));
        return count / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>`alerts replay` of <paramref name="count"/> events, and the old one-event-at-a-time replay on a sample: events/s of each.</summary>
    public async Task<(double Streaming, double OldWay, bool Complete)> ReplayAsync(int count, int oldSample, CancellationToken cancellationToken)
    {
        async Task<(double Rate, bool Complete)> TimeAsync(string stage, int events, bool oneByOne)
        {
            var (workload, environment) = await stages.PrepareAsync(stage, deliveryEnabled: true, cancellationToken);
            var file = Path.Combine(environment["Alerts__DataDirectory"], "events.jsonl");
            await File.WriteAllTextAsync(file, BenchWorkload.JsonLines(Enumerable.Range(0, events).Select(workload.Event)), cancellationToken);
            receiver.Reset();
            string[] arguments = oneByOne ? ["replay", "--one-by-one", file] : ["replay", file];
            var (exitCode, elapsed, errors) = await ChildAlerts.RunToEndAsync(environment, cancellationToken, arguments);
            if (exitCode != 0)
            {
                throw new InvalidOperationException("replay failed: " + errors);
            }

            return (events / elapsed.TotalSeconds, receiver.Count >= events);
        }

        var streaming = await TimeAsync("replay", count, oneByOne: false);
        var old = await TimeAsync("replay-old", oldSample, oneByOne: true);
        return (streaming.Rate, old.Rate, streaming.Complete && old.Complete);
    }

    /// <summary>What Alertmanager did with the same N: notifications/s, and the CPU its process used per notification.</summary>
    public sealed record AlertmanagerResult(double NotificationsPerSecond, TimeSpan CpuPerNotification);

    /// <summary>Alertmanager fanning <paramref name="count"/> distinct alerts (one group each) to the receiver, or null when not installed.</summary>
    public async Task<AlertmanagerResult?> AlertmanagerAsync(int count, TextWriter output, CancellationToken cancellationToken)
    {
        var binary = Which(options.Alertmanager);
        if (binary is null)
        {
            output.WriteLine($"  {options.Alertmanager} is not installed (apt-get install prometheus-alertmanager): skipped.");
            return null;
        }

        var directory = Path.Combine(options.WorkDirectory, "alertmanager");
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        var config = Path.Combine(directory, "alertmanager.yml");
        await File.WriteAllTextAsync(config, $"""
            route:
              receiver: bench
              group_by: ['...']
              group_wait: 0s
              group_interval: 1m
              repeat_interval: 24h
            receivers:
              - name: bench
                webhook_configs:
                  - url: {receiver.Url("am")}
                    send_resolved: false
            """, cancellationToken);
        var port = FreePort();
        var info = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--config.file=" + config, "--storage.path=" + directory, $"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=" })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await WaitReadyAsync(http, process, cancellationToken);
            receiver.Reset();
            var startsAt = TimeProvider.System.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
            var bodies = Enumerable.Range(0, count).Chunk(500).Select(batch => new JsonArray([.. batch.Select(i => (JsonNode)new JsonObject
            {
                ["labels"] = new JsonObject { ["alertname"] = "bench", ["event"] = i.ToString(CultureInfo.InvariantCulture) },
                ["startsAt"] = startsAt,
            })]).ToJsonString()).ToList();
            var cpuBefore = process.TotalProcessorTime;
            var started = Stopwatch.GetTimestamp();
            foreach (var body in bodies)
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await http.PostAsync("api/v2/alerts", content, cancellationToken);
                response.EnsureSuccessStatusCode();
            }

            var complete = await receiver.WaitForAsync(count, TimeSpan.FromMinutes(5), cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var cpu = process.TotalProcessorTime - cpuBefore;
            if (!complete)
            {
                output.WriteLine($"  Alertmanager delivered only {receiver.Count} of {count} within the wait.");
            }

            return new AlertmanagerResult(receiver.Count / elapsed.TotalSeconds, cpu / Math.Max(1, receiver.Count));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static async Task WaitReadyAsync(HttpClient http, Process process, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 300; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("alertmanager exited at start");
            }

            try
            {
                using var response = await http.GetAsync("-/ready", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException("alertmanager did not become ready");
    }

    private static string? Which(string name) =>
        Path.IsPathRooted(name) ? (File.Exists(name) ? name : null)
        : (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
