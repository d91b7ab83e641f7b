using System.Diagnostics;
using System.Globalization;

namespace Alerts.Host.Bench;

/// <summary>Event-to-delivery latencies of one benchmark stage.</summary>
public sealed class Latencies(IReadOnlyList<TimeSpan> samples)
{
    public int Count => samples.Count;

    public static Latencies Between(IEnumerable<(long Sent, long Arrived)> pairs) =>
        new([.. pairs.Select(p => Stopwatch.GetElapsedTime(p.Sent, p.Arrived)).Order()]);

    public TimeSpan Percentile(double p) =>
        samples.Count == 0 ? TimeSpan.Zero : samples[Math.Clamp((int)Math.Ceiling(p / 100 * samples.Count) - 1, 0, samples.Count - 1)];

    public override string ToString() => samples.Count == 0
        ? "no samples"
        : string.Create(CultureInfo.InvariantCulture, $"p50 {Percentile(50).TotalMilliseconds:0.0} ms, p99 {Percentile(99).TotalMilliseconds:0.0} ms, max {samples[^1].TotalMilliseconds:0.0} ms");
}
