using System.Globalization;

namespace Alerts.Host.Bench;

/// <summary>
/// <c>alerts bench pipeline</c>: in one run on this machine, the raw loopback ceiling, N events through a started
/// <c>alerts run</c>, a steady rate, a paused backlog, replay against the old way, and Alertmanager on the same receiver.
/// Prints each figure next to its target; the figures are honest only on a quiet machine (the load average is printed).
/// </summary>
public static class PipelineBenchmark
{
    public static async Task<int> RunAsync(BenchOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        Directory.CreateDirectory(options.WorkDirectory);
        output.WriteLine($"alerts bench pipeline: {Environment.ProcessorCount} cores, load average {LoadAverage()} (other work on this machine skews every figure)");
        await using var receiver = await BenchReceiver.StartAsync(cancellationToken);
        var stages = new BenchStages(receiver, options, output);
        var peers = new BenchPeers(receiver, options, stages);
        var rows = new List<(string What, string Figure, string Target, bool? Met)>();

        var ceiling = await peers.RawCeilingAsync(cancellationToken);
        rows.Add(("raw loopback HttpClient ceiling", Rate(ceiling, "requests/s"), "", null));
        output.WriteLine($"raw ceiling: {Rate(ceiling, "requests/s")}");

        BenchStages.BurstResult? burst = null;
        if (options.Events > 0)
        {
            burst = await stages.BurstAsync(options.Events, cancellationToken);
            output.WriteLine($"burst of {options.Events}: {Rate(burst.DeliveriesPerSecond, "deliveries/s")}, {burst.Latency}, peak RSS {burst.PeakRssMb:0} MB, "
                + $"service CPU {burst.CpuPerDelivery.TotalMilliseconds:0.00} ms per delivery, {burst.Duplicates} duplicate(s){(burst.Complete ? string.Empty : ", INCOMPLETE")}");
            rows.Add(($"deliveries/s, N = {options.Events}", Rate(burst.DeliveriesPerSecond, "/s"), "≥ 30% of ceiling", burst.Complete && burst.DeliveriesPerSecond >= 0.3 * ceiling));
            rows.Add(("event-to-delivery p50 / p99 (burst)", $"{Ms(burst.Latency.Percentile(50))} / {Ms(burst.Latency.Percentile(99))}", "", null));
            rows.Add(("peak RSS (burst)", $"{burst.PeakRssMb:0} MB", "", null));
            rows.Add(("service CPU per delivery", $"{burst.CpuPerDelivery.TotalMilliseconds:0.00} ms", "", null));
        }

        if (options.SteadySeconds > 0)
        {
            var (latency, peak, complete) = await stages.SteadyAsync(options.SteadyRate, options.SteadySeconds, cancellationToken);
            output.WriteLine($"steady {options.SteadyRate}/s for {options.SteadySeconds} s: {latency}, peak RSS {peak:0} MB{(complete ? string.Empty : ", INCOMPLETE")}");
            rows.Add(($"p99 at {options.SteadyRate} events/s for {options.SteadySeconds} s", Ms(latency.Percentile(99)), "≤ 50 ms", complete && latency.Percentile(99).TotalMilliseconds <= 50));
        }

        if (options.Pending > 0)
        {
            var (rss, peak, pending, cpu) = await stages.BacklogAsync(options.Pending, cancellationToken);
            output.WriteLine($"backlog: {pending} deliveries pending (delivery paused): RSS {rss:0} MB, peak {peak:0} MB; "
                + $"ingest and evaluation took {cpu.TotalMilliseconds:0.00} ms of service CPU per event");
            rows.Add(($"RSS with {pending} deliveries pending", $"{rss:0} MB (peak {peak:0})", "≤ 300 MB", peak <= 300));
        }

        if (options.Replay > 0)
        {
            var (streaming, old, complete) = await peers.ReplayAsync(options.Replay, options.ReplayOldSample, cancellationToken);
            var ratio = streaming / old;
            var issueRatio = streaming / BenchOptions.IssueReplayRate;
            output.WriteLine($"replay: {Rate(streaming, "events/s")} for {options.Replay} events = {issueRatio:0}x the {BenchOptions.IssueReplayRate:0}/s issue 7 measured before replay streamed; "
                + $"this build's one-at-a-time replay {Rate(old, "events/s")} (on {options.ReplayOldSample}), {ratio:0.0}x");
            rows.Add(($"replay of {options.Replay}, events/s", Rate(streaming, "/s"), $"≥ {50 * BenchOptions.IssueReplayRate:0} (50x {BenchOptions.IssueReplayRate:0}/s)", complete && issueRatio >= 50));
            rows.Add(("replay vs this build one at a time", $"{ratio:0.0}x", "", null));
        }

        if (options.Events > 0 && await peers.AlertmanagerAsync(options.Events, output, cancellationToken) is { } alertmanager)
        {
            var ratio = burst!.DeliveriesPerSecond / alertmanager.NotificationsPerSecond;
            output.WriteLine($"alertmanager, N = {options.Events}: {Rate(alertmanager.NotificationsPerSecond, "notifications/s")}, "
                + $"CPU {alertmanager.CpuPerNotification.TotalMilliseconds:0.00} ms per notification; alerts / alertmanager = {ratio:0.00}");
            rows.Add(("Alertmanager, same receiver and N", Rate(alertmanager.NotificationsPerSecond, "/s"), "", null));
            rows.Add(("Alertmanager CPU per notification", $"{alertmanager.CpuPerNotification.TotalMilliseconds:0.00} ms", "", null));
            rows.Add(("alerts / Alertmanager", $"{ratio:0.00}x", "≥ 2x", ratio >= 2));
        }

        output.WriteLine();
        foreach (var (what, figure, target, met) in rows)
        {
            output.WriteLine($"{what,-44} {figure,-26} {target,-18} {(met is null ? string.Empty : met.Value ? "met" : "NOT met")}");
        }

        return 0;
    }

    private static string Rate(double perSecond, string unit) => perSecond.ToString("#,0", CultureInfo.InvariantCulture) + " " + unit;

    private static string Ms(TimeSpan value) => value.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
