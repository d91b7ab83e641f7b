using Alerts.Sources.Feeds;
using Alerts.Sources.Tencent;
using Alerts.Testing;
using Microsoft.AspNetCore.Http;
using static Alerts.Sources.Tests.Feeds.FeedTestKit;

namespace Alerts.Sources.Tests.Tencent;

/// <summary>The source against a loopback stand-in: the request it sends and what it makes of a real-format answer.</summary>
public class TencentQuoteSourceTests
{
    [Fact]
    public async Task Tencent_quotes_are_requested_by_tencent_code_and_decoded_from_gbk()
    {
        var body = Fixture.Bytes("tencent-hk00700.gbk.txt").Concat(Fixture.Bytes("tencent-sh600000.gbk.txt")).ToArray();
        await using var server = await LoopbackServer.StartAsync(async (_, context) =>
        {
            context.Response.ContentType = "text/html; charset=utf-8"; // a wrong declared charset must not matter
            await context.Response.Body.WriteAsync(body);
        });
        using var http = Http();

        var poll = await Create("tencent-quotes", server.Url("/"), http, symbols: ["0700.HK", "600000.SS", "AAPL"]).PollAsync(CancellationToken.None);

        Assert.True(poll.Succeeded);
        Assert.Equal(["0700.HK", "600000.SS"], poll.Events.Select(e => e.Tick!.Symbol));
        Assert.Equal("AAPL", Assert.Single(poll.Problems).Where);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/q=r_hk00700,sh600000", request.PathAndQuery);
        Assert.Equal("https://gu.qq.com/", request.Header("Referer"));
    }

    [Fact]
    public async Task Tencent_quotes_are_batched_fifty_codes_a_request()
    {
        await using var server = await LoopbackServer.StartAsync(200, "", "text/plain");
        using var http = Http();
        var symbols = Enumerable.Range(600000, 120).Select(code => code + ".SS").ToList();

        await Create("tencent-quotes", server.Url("/"), http, symbols: symbols).PollAsync(CancellationToken.None);

        Assert.Equal([50, 50, 20], server.Requests.Select(r => r.PathAndQuery.Split(',').Length));
    }

    [Fact]
    public async Task Tencent_with_no_symbols_polls_nothing()
    {
        await using var server = await LoopbackServer.StartAsync(200, "", "text/plain");
        using var http = Http();

        var poll = await Create("tencent-quotes", server.Url("/"), http, symbols: []).PollAsync(CancellationToken.None);

        Assert.True(poll.Succeeded);
        Assert.Empty(poll.Events);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_failed_tencent_batch_is_a_problem_when_another_batch_worked()
    {
        var good = Fixture.Bytes("tencent-hk00700.gbk.txt");
        await using var server = await LoopbackServer.StartAsync(async (request, context) =>
        {
            if (request.PathAndQuery.Contains("sh600000", StringComparison.Ordinal))
            {
                context.Response.StatusCode = 502;
                return;
            }

            await context.Response.Body.WriteAsync(good);
        });
        using var http = Http();
        var symbols = new[] { "0700.HK" }.Concat(Enumerable.Range(600000, 50).Select(code => code + ".SS")).ToList();

        var poll = await Create("tencent-quotes", server.Url("/"), http, symbols: symbols).PollAsync(CancellationToken.None);

        Assert.True(poll.Succeeded);
        Assert.Equal("0700.HK", Assert.Single(poll.Events).Tick!.Symbol);
        Assert.Contains(poll.Problems, p => p.Message.Contains("502", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_symbol_provider_is_read_on_every_poll()
    {
        await using var server = await LoopbackServer.StartAsync(200, "", "text/plain");
        using var http = Http();
        var watched = new WatchedSymbols { Symbols = ["2513.HK"] };
        var source = new TencentQuoteSource(
            http, new FeedSourceOptions { Name = "q", Kind = "tencent-quotes", Url = server.Url("/") }, symbols: watched);

        await source.PollAsync(CancellationToken.None);
        watched.Symbols = ["2513.HK", "0100.HK"];
        await source.PollAsync(CancellationToken.None);

        Assert.Equal(["/q=r_hk02513", "/q=r_hk00100,r_hk02513"], server.Requests.Select(r => r.PathAndQuery));
    }

    private sealed class WatchedSymbols : IQuoteSymbols
    {
        public IReadOnlyCollection<string> Symbols { get; set; } = [];

        public ValueTask<IReadOnlyCollection<string>> CurrentAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Symbols);
    }
}
