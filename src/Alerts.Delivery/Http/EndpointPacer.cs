using System.Security.Cryptography;
using System.Text;

namespace Alerts.Delivery.Http;

/// <summary>
/// Spaces sends to one endpoint by the platform's documented rate (Slack: one a second per webhook; Teams: four a second)
/// and holds an endpoint back after the platform said so (429, Discord's exhausted bucket). A send that would wait longer
/// than the caller allows is not made: the caller returns Retryable with the wait as retry-after, so a busy endpoint never
/// ties up a delivery worker and the deliver stage stays the one retry owner. Keys are hashed: URLs are credentials.
/// </summary>
public sealed class EndpointPacer(TimeProvider time)
{
    private const int PruneAbove = 10_000;
    private readonly Dictionary<string, DateTimeOffset> _nextFree = [];
    private readonly Lock _gate = new();

    /// <summary>Claims the next slot of <paramref name="endpoint"/>; the returned wait is zero when it may send now.</summary>
    /// <returns>The wait before the claimed slot, or null (nothing claimed) when that wait would exceed <paramref name="maxWait"/>.</returns>
    public TimeSpan? Reserve(string endpoint, TimeSpan interval, TimeSpan maxWait, out TimeSpan retryAfter)
    {
        var key = Key(endpoint);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var slot = _nextFree.TryGetValue(key, out var next) && next > now ? next : now;
            var wait = slot - now;
            retryAfter = wait;
            if (wait > maxWait)
            {
                return null;
            }

            if (_nextFree.Count > PruneAbove)
            {
                foreach (var stale in _nextFree.Where(p => p.Value <= now).Select(p => p.Key).ToList())
                {
                    _nextFree.Remove(stale);
                }
            }

            _nextFree[key] = slot + interval;
            return wait;
        }
    }

    /// <summary>Waits for a slot (see <see cref="Reserve"/>); false, with the time to come back, when the wait is too long.</summary>
    public async Task<(bool Granted, TimeSpan RetryAfter)> WaitTurnAsync(string endpoint, TimeSpan interval, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        if (Reserve(endpoint, interval, maxWait, out var retryAfter) is not { } wait)
        {
            return (false, retryAfter);
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }

        return (true, TimeSpan.Zero);
    }

    /// <summary>The platform asked for quiet for <paramref name="wait"/> (measured on this pacer's clock): no slot before then.</summary>
    public void HoldFor(string endpoint, TimeSpan wait)
    {
        var key = Key(endpoint);
        var until = time.GetUtcNow() + wait;
        lock (_gate)
        {
            if (!_nextFree.TryGetValue(key, out var next) || next < until)
            {
                _nextFree[key] = until;
            }
        }
    }

    private static string Key(string endpoint) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(endpoint)));
}
