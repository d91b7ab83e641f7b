using System.Net;
using System.Net.Sockets;
using Alerts.Sources.Feeds;
using Alerts.Testing;
using Microsoft.AspNetCore.Http;
using static Alerts.Sources.Tests.Feeds.FeedTestKit;

namespace Alerts.Sources.Tests.Feeds;

/// <summary>Every source turns HTTP trouble into a clear error result, never an exception.</summary>
public class FeedSourceErrorTests
{
    public static TheoryData<string> Kinds => new(FeedSourceRegistry.Kinds.Select(k => k.Kind));

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Http_429_is_rate_limited_with_retry_after(string kind)
    {
        await using var server = await LoopbackServer.StartAsync(async (_, context) =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "30";
            await context.Response.WriteAsync("slow down");
        });
        using var http = Http();

        var poll = await Create(kind, server.Url(PathFor(kind)), http).PollAsync(CancellationToken.None);

        Assert.False(poll.Succeeded);
        Assert.Equal(FeedErrorKind.RateLimited, poll.Error!.Kind);
        Assert.Equal(429, poll.Error.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), poll.Error.RetryAfter);
        Assert.Contains("HTTP 429", poll.Error.Message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", poll.Error.Message, StringComparison.Ordinal);
        Assert.Empty(poll.Events);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Http_500_is_a_server_error(string kind)
    {
        await using var server = await LoopbackServer.StartAsync(500, "boom");
        using var http = Http();

        var poll = await Create(kind, server.Url(PathFor(kind)), http).PollAsync(CancellationToken.None);

        Assert.Equal(FeedErrorKind.ServerError, poll.Error!.Kind);
        Assert.Equal(500, poll.Error.StatusCode);
        Assert.Contains("HTTP 500", poll.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Http_403_is_rejected(string kind)
    {
        await using var server = await LoopbackServer.StartAsync(403, "Forbidden");
        using var http = Http();

        var poll = await Create(kind, server.Url(PathFor(kind)), http).PollAsync(CancellationToken.None);

        Assert.Equal(FeedErrorKind.Rejected, poll.Error!.Kind);
        Assert.Equal(403, poll.Error.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_200_with_a_malformed_body_is_a_malformed_error(string kind)
    {
        await using var server = await LoopbackServer.StartAsync(200, "<html><body>访问被拒绝 denied by bot</body></html>", "text/html");
        using var http = Http();

        var poll = await Create(kind, server.Url(PathFor(kind)), http).PollAsync(CancellationToken.None);

        Assert.False(poll.Succeeded);
        Assert.Equal(FeedErrorKind.Malformed, poll.Error!.Kind);
        Assert.False(string.IsNullOrWhiteSpace(poll.Error.Message));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_server_slower_than_the_client_timeout_is_a_timeout(string kind)
    {
        await using var server = await LoopbackServer.StartAsync(async (_, context) =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up, as intended.
            }
        });
        using var http = Http(TimeSpan.FromMilliseconds(300));

        var poll = await Create(kind, server.Url(PathFor(kind)), http).PollAsync(CancellationToken.None);

        Assert.Equal(FeedErrorKind.Timeout, poll.Error!.Kind);
        Assert.Contains("0.3 s", poll.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_connection_is_a_network_error()
    {
        using var http = Http();

        var poll = await Create("hkex-lci", new Uri($"http://127.0.0.1:{ClosedPort()}/feed"), http).PollAsync(CancellationToken.None);

        Assert.Equal(FeedErrorKind.Network, poll.Error!.Kind);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_swallowed()
    {
        await using var server = await LoopbackServer.StartAsync(200, "{}");
        using var http = Http();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Create("hkex-lci", server.Url("/feed"), http).PollAsync(cancelled.Token));
    }

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
