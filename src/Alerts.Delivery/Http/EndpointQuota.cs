using System.Security.Cryptography;
using System.Text;

namespace Alerts.Delivery.Http;

/// <summary>A platform's cap on sends to one endpoint: at most <paramref name="Limit"/> within any <paramref name="Window"/>.</summary>
public sealed record QuotaWindow(TimeSpan Window, int Limit)
{
    public string Describe() => $"{Limit} messages per {Format(Window)}";

    private static string Format(TimeSpan window) =>
        window.TotalDays >= 1 && window.TotalDays % 1 == 0 ? $"{window.TotalDays:0} day{(window.TotalDays == 1 ? "" : "s")}"
        : window.TotalHours >= 1 && window.TotalHours % 1 == 0 ? $"{window.TotalHours:0} hour{(window.TotalHours == 1 ? "" : "s")}"
        : $"{window.TotalSeconds:0} seconds";
}

/// <summary>
/// Counts sends per endpoint over sliding windows, for platforms that cap volume over hours and days as well as per second
/// (Teams: 60 per 30 s, 100 per hour, 150 per 2 hours, 1,800 per day per webhook). The pacer spaces sends; this refuses the
/// send that would break a longer cap, with the time until the window frees a slot. Counts live in this process: with
/// several instances each keeps its own, so the caps are per instance. Keys are hashed: URLs are credentials.
/// </summary>
public sealed class EndpointQuota(TimeProvider time)
{
    private const int PruneAbove = 10_000;
    private readonly Dictionary<string, List<DateTimeOffset>> _sends = [];
    private readonly Lock _gate = new();

    /// <summary>Records a send to <paramref name="endpoint"/> now, unless a window is full.</summary>
    /// <returns>Null when the send is counted; otherwise the full window and how long until it frees a slot.</returns>
    public (QuotaWindow Window, TimeSpan RetryAfter)? TryAcquire(string endpoint, IReadOnlyList<QuotaWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        if (windows.Count == 0)
        {
            return null;
        }

        var key = Key(endpoint);
        var now = time.GetUtcNow();
        var longest = windows.Max(w => w.Window);
        lock (_gate)
        {
            if (!_sends.TryGetValue(key, out var sends))
            {
                PruneIdle(now, longest);
                sends = [];
                _sends[key] = sends;
            }

            sends.RemoveAll(t => t <= now - longest);

            foreach (var window in windows)
            {
                var inWindow = sends.Where(t => t > now - window.Window).ToList();
                if (inWindow.Count >= window.Limit)
                {
                    // The slot frees when the oldest send that still counts against the limit leaves the window.
                    var freesAt = inWindow[inWindow.Count - window.Limit] + window.Window;
                    return (window, freesAt - now);
                }
            }

            sends.Add(now);
            return null;
        }
    }

    /// <summary>Takes back the newest counted send (the send was not made after all).</summary>
    public void Release(string endpoint)
    {
        var key = Key(endpoint);
        lock (_gate)
        {
            if (_sends.TryGetValue(key, out var sends) && sends.Count > 0)
            {
                sends.RemoveAt(sends.Count - 1);
            }
        }
    }

    private void PruneIdle(DateTimeOffset now, TimeSpan longest)
    {
        if (_sends.Count <= PruneAbove)
        {
            return;
        }

        foreach (var idle in _sends.Where(p => p.Value.Count == 0 || p.Value[^1] <= now - longest).Select(p => p.Key).ToList())
        {
            _sends.Remove(idle);
        }
    }

    private static string Key(string endpoint) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(endpoint)));
}
