using System.Diagnostics;
using System.Globalization;

namespace Alerts.Benchmarks;

/// <param name="Cpu">Processor time the whole process used meanwhile: on a shared machine the wall clock also counts time this
/// thread spent waiting for a core; process CPU time counts every thread of ours (GC, JIT), so it can only overstate the cost.</param>
internal sealed record Run(string Name, long Events, long Matches, TimeSpan Elapsed, TimeSpan Cpu, long AllocatedBytes)
{
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;

    public double EventsPerCpuSecond => Events / Cpu.TotalSeconds;

    public string Describe() =>
        $"{EventsPerCpuSecond.ToString("N0", CultureInfo.InvariantCulture)} per CPU-s, {EventsPerSecond.ToString("N0", CultureInfo.InvariantCulture)} per wall-s "
        + $"({Events:N0} events in {Elapsed.TotalSeconds:N2} s wall / {Cpu.TotalSeconds:N2} s CPU, {(double)AllocatedBytes / Events:N0} B allocated/event)";
}

internal static class Measure
{
    /// <summary>Managed heap after a full, compacting collection.</summary>
    public static long HeapBytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>How much heap <paramref name="create"/>'s result keeps alive through <paramref name="select"/>.</summary>
    public static long RetainedBytes<TSource, TKept>(Func<TSource> create, Func<TSource, TKept> select, out TKept kept)
    {
        var before = HeapBytes();
        kept = select(create());
        var after = HeapBytes();
        GC.KeepAlive(kept);
        return after - before;
    }

    /// <summary>
    /// Runs <paramref name="match"/> over the events in order (cycling) on this thread: a warm-up so tiered JIT has settled, then at
    /// least <paramref name="duration"/> measured. Every result is summed into the returned match count, so none can be optimised away.
    /// </summary>
    public static Run Throughput<T>(string name, IReadOnlyList<T> events, Func<T, int> match, TimeSpan warmUp, TimeSpan duration)
    {
        var sink = 0L;
        var index = 0;
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed < warmUp)
        {
            sink += match(events[index]);
            index = (index + 1) % events.Count;
        }

        HeapBytes();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var count = 0L;
        var matches = 0L;
        index = 0;
        var watch = Stopwatch.StartNew();
        do
        {
            for (var i = 0; i < 64; i++)
            {
                matches += match(events[index]);
                index = index + 1 == events.Count ? 0 : index + 1;
            }

            count += 64;
        }
        while (watch.Elapsed < duration);

        watch.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        GC.KeepAlive(sink);
        return new Run(name, count, matches, watch.Elapsed, cpu, allocated);
    }

    public static string Micros(Run run) => (1e6 / run.EventsPerCpuSecond).ToString("N2", CultureInfo.InvariantCulture) + " CPU";

    /// <summary>The 1-minute load average where the OS tells it: above the core count, other work was competing for the cores.</summary>
    public static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] + $" on {Environment.ProcessorCount} cores" : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    public static string Verdict(string target, bool pass, string actual) => $"{(pass ? "PASS" : "FAIL")}  {target}: {actual}";
}
