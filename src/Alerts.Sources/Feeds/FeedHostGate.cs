using System.Net;

namespace Alerts.Sources.Feeds;

/// <summary>
/// Process-wide politeness per server (host and port), shared by every source that polls it (the English and Chinese HKEX feeds share one
/// host): a 429 or 503 holds the host for its <c>Retry-After</c> (a minute when it gives none); consecutive other 5xx hold it
/// for 30 s, doubling up to 10 minutes, until a success; and a source with a minimum interval (EDGAR's 10 requests a second,
/// counted across all of SEC's hosts) waits for its turn. A held host is not contacted at all: the poll fails at once with
/// the time it may try again, and the scheduler's next due poll after that is the retry.
/// </summary>
public sealed class FeedHostGate(TimeProvider clock)
{
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan FirstServerErrorHold = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MaxServerErrorHold = TimeSpan.FromMinutes(10);

    private readonly Dictionary<string, HostState> _hosts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Why a request to this host may not be sent now, or null when it may.</summary>
    public FeedHeldException? Check(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var now = clock.GetUtcNow();
        lock (_hosts)
        {
            return _hosts.TryGetValue(Key(url), out var state) && state.HeldUntil > now
                ? new FeedHeldException(url.Host, state.HeldUntil, state.HeldUntil - now, state.Reason)
                : null;
        }
    }

    /// <summary>Waits until this host's next request slot when <paramref name="minInterval"/> is positive, and claims it.</summary>
    public async Task WaitTurnAsync(Uri url, TimeSpan minInterval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (minInterval <= TimeSpan.Zero)
        {
            return;
        }

        TimeSpan wait;
        lock (_hosts)
        {
            var state = State(Key(url));
            var now = clock.GetUtcNow();
            var slot = state.NextSlot > now ? state.NextSlot : now;
            state.NextSlot = slot + minInterval;
            wait = slot - now;
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, clock, cancellationToken);
        }
    }

    /// <summary>Learns from an answer: holds the host after 429/503/5xx, releases it after a success.</summary>
    public void Observe(Uri url, HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(response);
        var now = clock.GetUtcNow();
        var status = (int)response.StatusCode;
        lock (_hosts)
        {
            var state = State(Key(url));
            if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
            {
                var wait = Core.Notifications.HttpStatusClassifier.RetryAfter(response.Headers, response.Headers.Date ?? now)
                    ?? (response.StatusCode == HttpStatusCode.TooManyRequests ? DefaultRetryAfter : Backoff(++state.ServerErrors));
                Hold(state, now + wait, $"HTTP {status}");
            }
            else if (status >= 500)
            {
                Hold(state, now + Backoff(++state.ServerErrors), $"HTTP {status} ({state.ServerErrors} in a row)");
            }
            else if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotModified)
            {
                state.ServerErrors = 0;
            }
        }
    }

    private static void Hold(HostState state, DateTimeOffset until, string reason)
    {
        if (until > state.HeldUntil)
        {
            state.HeldUntil = until;
            state.Reason = reason;
        }
    }

    private static TimeSpan Backoff(int failures) =>
        TimeSpan.FromTicks(Math.Min(MaxServerErrorHold.Ticks, FirstServerErrorHold.Ticks << Math.Min(failures - 1, 20)));

    /// <summary>SEC counts requests to all its hosts (www.sec.gov, data.sec.gov) together; other sites per host.</summary>
    /// <summary>A server is its host and port (two services on one machine are two servers); SEC's hosts count as one.</summary>
    private static string Key(Uri url) =>
        url.Host.Equals("sec.gov", StringComparison.OrdinalIgnoreCase) || url.Host.EndsWith(".sec.gov", StringComparison.OrdinalIgnoreCase) ? "sec.gov" : url.Authority;

    private HostState State(string key)
    {
        if (!_hosts.TryGetValue(key, out var state))
        {
            _hosts[key] = state = new HostState();
        }

        return state;
    }

    private sealed class HostState
    {
        public DateTimeOffset HeldUntil { get; set; }

        public string Reason { get; set; } = string.Empty;

        public int ServerErrors { get; set; }

        public DateTimeOffset NextSlot { get; set; }
    }
}

/// <summary>A request not sent because its host asked to wait (429/503 Retry-After) or is backing off after 5xx answers.</summary>
public sealed class FeedHeldException(string host, DateTimeOffset until, TimeSpan remaining, string reason)
    : HttpRequestException($"{host}: not contacted until {until:u} after {reason}")
{
    public DateTimeOffset Until { get; } = until;

    public TimeSpan Remaining { get; } = remaining;

    public bool RateLimited { get; } = reason.StartsWith("HTTP 429", StringComparison.Ordinal) || reason.StartsWith("HTTP 503", StringComparison.Ordinal);
}
