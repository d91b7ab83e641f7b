using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Alerts.Host.Web;

namespace Alerts.Host.Bench;

/// <summary>
/// The benchmark's loopback receiver: answers 204 at once and notes when each <c>webhook-id</c> first arrived. <c>/hook</c> takes
/// the service's webhooks, <c>/am</c> Alertmanager's, <c>/raw</c> the HttpClient ceiling probe.
/// </summary>
public sealed class BenchReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, long> _firstSeen = new(StringComparer.Ordinal);
    private readonly object _waitGate = new();
    private (int Target, TaskCompletionSource Reached)? _waiter;
    private int _requests;
    private int _duplicates;

    private BenchReceiver(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>Distinct webhook ids (or Alertmanager notifications) received.</summary>
    public int Count => _firstSeen.Count;

    public int Requests => Volatile.Read(ref _requests);

    public int Duplicates => Volatile.Read(ref _duplicates);

    public static async Task<BenchReceiver> StartAsync(CancellationToken cancellationToken)
    {
        BenchReceiver? receiver = null;
        var (app, baseUrl) = await LoopbackHost.StartAsync(web =>
        {
            web.MapPost("/hook", (HttpContext context) => receiver!.Note(context.Request.Headers["webhook-id"].ToString()));
            web.MapPost("/am", () => receiver!.Note("am-" + Interlocked.Increment(ref receiver!._requests)));
            web.MapPost("/raw", () => Results.NoContent());
        }, cancellationToken);
        receiver = new BenchReceiver(app, baseUrl);
        return receiver;
    }

    public Uri Url(string path) => new(BaseUrl, path);

    /// <summary>When each id first arrived (Stopwatch ticks), for ids the caller knows.</summary>
    public bool TryGetArrival(string id, out long timestamp) => _firstSeen.TryGetValue(id, out timestamp);

    public void Reset()
    {
        _firstSeen.Clear();
        Volatile.Write(ref _requests, 0);
        Volatile.Write(ref _duplicates, 0);
    }

    /// <summary>Completes when <paramref name="target"/> distinct ids have arrived; false on timeout.</summary>
    public async Task<bool> WaitForAsync(int target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task reached;
        lock (_waitGate)
        {
            var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiter = (target, source);
            if (Count >= target)
            {
                source.TrySetResult();
            }

            reached = source.Task;
        }

        try
        {
            await reached.WaitAsync(timeout, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private IResult Note(string id)
    {
        if (!_firstSeen.TryAdd(id, Stopwatch.GetTimestamp()))
        {
            Interlocked.Increment(ref _duplicates);
        }

        if (_waiter is { } waiter && _firstSeen.Count >= waiter.Target)
        {
            waiter.Reached.TrySetResult();
        }

        return Results.NoContent();
    }
}
