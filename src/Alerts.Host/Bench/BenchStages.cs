using System.Collections.Concurrent;
using System.Diagnostics;
using Alerts.Core.Model;

namespace Alerts.Host.Bench;

/// <summary>The stages that drive a started <c>alerts run</c>: a burst of N events, a steady rate, a paused backlog.</summary>
public sealed class BenchStages(BenchReceiver receiver, BenchOptions options, TextWriter output)
{
    private const int PushBatch = 500;
    private const int Pushers = 4;
    private const int WarmUpIds = 1_000_000; // warm-up events are numbered apart from the measured ones
    private int _runs;

    public sealed record BurstResult(double DeliveriesPerSecond, Latencies Latency, double PeakRssMb, int Duplicates, bool Complete, TimeSpan CpuPerDelivery);

    /// <summary>Pushes <paramref name="count"/> distinct events as fast as the service takes them; times each to its delivery.</summary>
    public async Task<BurstResult> BurstAsync(int count, CancellationToken cancellationToken)
    {
        var (workload, environment) = await PrepareAsync("burst", deliveryEnabled: true, cancellationToken);
        await using var service = await ChildAlerts.RunServiceAsync(environment, cancellationToken);
        await WarmUpAsync(service, workload, cancellationToken);
        var cpuBefore = service.CpuTime();
        var events = Enumerable.Range(0, count).Select(workload.Event).ToList();
        var sent = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);

        // Bodies and ids are made before the clock starts: the bench's own work is not the service's (Alertmanager's likewise).
        var batches = new ConcurrentQueue<(string[] Ids, string Body)>(
            events.Chunk(PushBatch).Select(batch => (batch.Select(BenchWorkload.DeliveryId).ToArray(), BenchWorkload.JsonArray(batch))));
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Pushers).Select(_ => Task.Run(async () =>
        {
            while (batches.TryDequeue(out var batch))
            {
                var at = Stopwatch.GetTimestamp();
                foreach (var id in batch.Ids)
                {
                    sent[id] = at;
                }

                await service.PushAsync(batch.Body, cancellationToken);
            }
        }, cancellationToken)));
        var complete = await receiver.WaitForAsync(count, TimeSpan.FromMinutes(10), cancellationToken);
        var arrivals = Arrivals(sent);
        var last = arrivals.Count == 0 ? started : arrivals.Max(a => a.Arrived);
        var rate = arrivals.Count / Stopwatch.GetElapsedTime(started, last).TotalSeconds;
        var cpu = (service.CpuTime() - cpuBefore) / Math.Max(1, arrivals.Count);
        return new BurstResult(rate, Latencies.Between(arrivals), service.Memory().Peak, receiver.Duplicates, complete, cpu);
    }

    /// <summary>Pushes at a steady rate (a batch every 100 ms) and reports event-to-delivery latency.</summary>
    public async Task<(Latencies Latency, double PeakRssMb, bool Complete)> SteadyAsync(int perSecond, int seconds, CancellationToken cancellationToken)
    {
        var (workload, environment) = await PrepareAsync("steady", deliveryEnabled: true, cancellationToken);
        await using var service = await ChildAlerts.RunServiceAsync(environment, cancellationToken);
        await WarmUpAsync(service, workload, cancellationToken);
        var perTick = Math.Max(1, perSecond / 10);
        var sent = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var pushes = new List<Task>();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var next = 0;
        for (var tick = 0; tick < seconds * 10 && await timer.WaitForNextTickAsync(cancellationToken); tick++)
        {
            var batch = Enumerable.Range(next, perTick).Select(workload.Event).ToArray();
            next += perTick;
            var at = Stopwatch.GetTimestamp();
            foreach (var e in batch)
            {
                sent[BenchWorkload.DeliveryId(e)] = at;
            }

            pushes.Add(service.PushAsync(BenchWorkload.JsonArray(batch), cancellationToken));
        }

        await Task.WhenAll(pushes);
        var complete = await receiver.WaitForAsync(next, TimeSpan.FromMinutes(5), cancellationToken);
        return (Latencies.Between(Arrivals(sent)), service.Memory().Peak, complete);
    }

    /// <summary>Delivery paused: pushes <paramref name="count"/> events and reads the resident memory with all of them pending.</summary>
    public async Task<(double RssMb, double PeakRssMb, int Pending, TimeSpan CpuPerEvent)> BacklogAsync(int count, CancellationToken cancellationToken)
    {
        var (workload, environment) = await PrepareAsync("backlog", deliveryEnabled: false, cancellationToken);
        await using var service = await ChildAlerts.RunServiceAsync(environment, cancellationToken);
        var cpuBefore = service.CpuTime();
        foreach (var batch in Enumerable.Range(0, count).Select(workload.Event).Chunk(2_000))
        {
            await service.PushAsync(BenchWorkload.JsonArray(batch), cancellationToken);
        }

        var pending = 0;
        while (true)
        {
            var health = await service.HealthAsync(cancellationToken);
            pending = health.GetProperty("pendingDeliveries").GetInt32();
            if (health.GetProperty("pendingEvaluations").GetInt32() == 0 && pending >= count)
            {
                break;
            }

            await Task.Delay(1_000, cancellationToken);
        }

        var (current, peak) = service.Memory();
        return (current, peak, pending, (service.CpuTime() - cpuBefore) / Math.Max(1, count));
    }

    /// <summary>
    /// Sends <see cref="BenchOptions.WarmUp"/> events of their own through the fresh service and waits for their deliveries,
    /// so the timed stage measures a running service rather than the JIT compiling it; then clears the receiver.
    /// </summary>
    private async Task WarmUpAsync(ChildAlerts service, BenchWorkload workload, CancellationToken cancellationToken)
    {
        receiver.Reset();
        if (options.WarmUp > 0)
        {
            foreach (var batch in Enumerable.Range(WarmUpIds, options.WarmUp).Select(workload.Event).Chunk(PushBatch))
            {
                await service.PushAsync(BenchWorkload.JsonArray(batch), cancellationToken);
            }

            if (!await receiver.WaitForAsync(options.WarmUp, TimeSpan.FromMinutes(5), cancellationToken))
            {
                throw new InvalidOperationException("the warm-up deliveries did not all arrive within 5 minutes");
            }
        }

        receiver.Reset();
    }

    /// <summary>A fresh data directory with the workload's catalog imported, and the environment to run the service on it.</summary>
    public async Task<(BenchWorkload Workload, Dictionary<string, string> Environment)> PrepareAsync(string stage, bool deliveryEnabled, CancellationToken cancellationToken)
    {
        var run = $"{stage}{Interlocked.Increment(ref _runs)}";
        var data = Path.Combine(options.WorkDirectory, run);
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }

        Directory.CreateDirectory(data);
        var workload = new BenchWorkload(receiver.Url("hook"), run, TimeProvider.System.GetUtcNow());
        var environment = new Dictionary<string, string>
        {
            ["Alerts__DataDirectory"] = data,
            ["Alerts__AllowedPrivateHosts__0"] = "127.0.0.1",
            ["Alerts__PollSources"] = "false",
            ["Alerts__DeliveryEnabled"] = deliveryEnabled ? "true" : "false",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var catalog = Path.Combine(data, "catalog.json");
        await File.WriteAllTextAsync(catalog, workload.CatalogJson(), cancellationToken);
        var import = await ChildAlerts.RunToEndAsync(environment, cancellationToken, "import", catalog);
        if (import.ExitCode != 0)
        {
            throw new InvalidOperationException("import failed: " + import.Errors);
        }

        output.WriteLine($"  [{run}] data in {data}");
        return (workload, environment);
    }

    private List<(long Sent, long Arrived)> Arrivals(ConcurrentDictionary<string, long> sent) =>
        [.. sent.Select(s => receiver.TryGetArrival(s.Key, out var arrived) ? (s.Value, arrived) : (0L, 0L)).Where(p => p.Item2 != 0)];
}
