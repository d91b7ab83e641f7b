using System.Collections.Concurrent;
using Alerts.Testing;

namespace Alerts.Functions.Tests.Support;

/// <summary>A loopback webhook receiver answering each request with the next status of a script (then the last one again).</summary>
public sealed class Webhook : IAsyncDisposable
{
    private readonly LoopbackServer _server;

    private Webhook(LoopbackServer server) => _server = server;

    public Uri Url => _server.Url("/hooks/desk");

    public IReadOnlyList<RecordedRequest> Requests => _server.Requests;

    public IReadOnlyList<string> DeliveryIds => [.. Requests.Select(r => r.Header("webhook-id") ?? "missing")];

    public static async Task<Webhook> StartAsync(params int[] statuses)
    {
        var script = new ConcurrentQueue<int>(statuses.Length == 0 ? [204] : statuses);
        var last = script.Last();
        var server = await LoopbackServer.StartAsync(async (_, context) =>
        {
            context.Response.StatusCode = script.TryDequeue(out var status) ? status : last;
            await Task.CompletedTask;
        });
        return new Webhook(server);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
