using Alerts.Sources.Feeds;
using Alerts.Sources.Yahoo;
using Alerts.Testing;
using Microsoft.AspNetCore.Http;
using static Alerts.Sources.Tests.Feeds.FeedTestKit;

namespace Alerts.Sources.Tests.Yahoo;

/// <summary>Yahoo chart v8: the previous-close pitfall, null bars, errors, symbols, and the daily closes and FX it exposes.</summary>
public class YahooChartTests
{
    // Five daily bars of 2513.HK; chartPreviousClose (300) is the close before the first bar, a week ago.
    private const string Zhipu = """
        {"chart":{"result":[{"meta":{"currency":"HKD","symbol":"2513.HK","exchangeName":"HKG","regularMarketPrice":496.0,
        "regularMarketTime":1795853324,"gmtoffset":28800,"timezone":"HKT","chartPreviousClose":300.0,"regularMarketVolume":19389831,
        "dataGranularity":"1d","range":"5d"},
        "timestamp":[1795397400,1795483800,1795570200,1795656600,1795829400],
        "indicators":{"quote":[{"close":[380.0,null,395.5,402.0,496.0],"volume":[100,null,300,400,19389831]}]}}],"error":null}}
        """;

    [Fact]
    public void The_previous_close_is_the_bar_before_today_not_chart_previous_close()
    {
        var tick = Assert.Single(YahooChartParser.Parse(Zhipu).Items);

        Assert.Equal(("2513.HK", 496.0m, 402.0m, "HKD"), (tick.Symbol, tick.Price, tick.PreviousClose, tick.Currency));
        Assert.Equal(23.38m, decimal.Round(tick.ChangePercent, 2));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795853324), tick.Time);
    }

    [Fact]
    public void A_given_previous_close_wins()
    {
        var tick = Assert.Single(YahooChartParser.Parse(Zhipu.Replace("\"chartPreviousClose\":300.0", "\"chartPreviousClose\":300.0,\"previousClose\":401.0", StringComparison.Ordinal)).Items);

        Assert.Equal(401.0m, tick.PreviousClose);
    }

    [Theory]
    [InlineData("""{"chart":{"result":null,"error":{"code":"Not Found","description":"No data found, symbol may be delisted"}}}""", "Not Found")]
    [InlineData("<html>Too Many Requests</html>", "not JSON")]
    [InlineData("""{"finance":{"error":{}}}""", "no \"chart\"")]
    public void Yahoo_errors_are_malformed_answers_that_say_what_yahoo_said(string body, string expected)
    {
        var parsed = YahooChartParser.Parse(body);

        Assert.True(parsed.IsMalformed);
        Assert.Contains(expected, parsed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Daily_closes_skip_null_bars_and_are_dated_in_the_exchange_zone()
    {
        var closes = YahooChartParser.ParseDailyCloses(Zhipu).Items;

        Assert.Equal([380.0m, 395.5m, 402.0m, 496.0m], closes.Select(c => c.Close));
        Assert.All(closes, c => Assert.Equal("2513.HK", c.Symbol));
        Assert.Equal(DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(1795829400).ToOffset(TimeSpan.FromHours(8)).DateTime), closes[^1].Date);
    }

    [Theory]
    [InlineData("2513.HK", "2513.HK")]
    [InlineData("02513.HK", "2513.HK")]
    [InlineData("700.hk", "0700.HK")]
    [InlineData("600000.SS", "600000.SS")]
    [InlineData("aapl", "AAPL")]
    public void Hong_kong_symbols_have_four_digits_for_yahoo(string symbol, string yahoo) => Assert.Equal(yahoo, YahooSymbols.ToYahoo(symbol));

    [Fact]
    public async Task The_source_asks_one_symbol_per_request_and_one_unknown_symbol_does_not_fail_the_others()
    {
        await using var yahoo = await LoopbackServer.StartAsync(async (request, context) =>
        {
            context.Response.ContentType = "application/json";
            if (request.PathAndQuery.Contains("9999.HK", StringComparison.Ordinal))
            {
                context.Response.StatusCode = 404;
                await context.Response.WriteAsync("""{"chart":{"result":null,"error":{"code":"Not Found","description":"No data found"}}}""");
                return;
            }

            await context.Response.WriteAsync(Zhipu);
        });
        using var http = Http();

        var poll = await Create(YahooChartSource.Kind, yahoo.Url("/"), http, symbols: ["02513.HK", "9999.HK"]).PollAsync(CancellationToken.None);

        Assert.True(poll.Succeeded);
        Assert.Equal("2513.HK", Assert.Single(poll.Events).Tick!.Symbol);
        Assert.Equal("9999.HK", Assert.Single(poll.Problems).Where);
        Assert.Contains("/v8/finance/chart/2513.HK?interval=1d&range=5d", yahoo.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task Market_history_gives_daily_closes_and_the_hkd_cny_rate()
    {
        await using var yahoo = await LoopbackServer.StartAsync(async (request, context) =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(request.PathAndQuery.Contains("HKDCNY%3DX", StringComparison.Ordinal) || request.PathAndQuery.Contains("HKDCNY=X", StringComparison.Ordinal)
                ? """{"chart":{"result":[{"meta":{"currency":"CNY","symbol":"HKDCNY=X","regularMarketPrice":0.9132,"regularMarketTime":1795853324}}],"error":null}}"""
                : Zhipu);
        });
        using var http = Http();
        var history = new YahooMarketHistory(
            http, new FeedSourceOptions { Name = "yahoo", Kind = YahooChartSource.Kind, Url = yahoo.Url("/") },
            new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1795853324)));

        var closes = await history.DailyClosesAsync("2513.HK", 10, CancellationToken.None);
        var rate = await history.FxRateAsync("HKD", "CNY", CancellationToken.None);

        Assert.Equal(496.0m, closes[^1].Close);
        Assert.Equal(0.9132m, rate);
        Assert.Contains(yahoo.Requests, r => r.PathAndQuery.EndsWith("range=1mo", StringComparison.Ordinal));
    }
}
