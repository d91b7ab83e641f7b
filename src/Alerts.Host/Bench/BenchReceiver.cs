using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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

    private BenchReceiver(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Distinct webhook ids (or Alertmanager notifications) received.</summary>
    public int Count => _firstSeen.Count;

    public int Requests => Volatile.Read(ref _requests);

    public int Duplicates => Volatile.Read(ref _duplicates);

    public static async Task<BenchReceiver> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new BenchReceiver(app);
        app.MapPost("/hook", (HttpContext context) => receiver.Note(context.Request.Headers["webhook-id"].ToString()));
        app.MapPost("/am", (HttpContext context) => receiver.Note("am-" + Interlocked.Increment(ref receiver._requests)));
        app.MapPost("/raw", () => Results.NoContent());
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseUrl = new Uri(address.TrimEnd('/') + "/");
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
