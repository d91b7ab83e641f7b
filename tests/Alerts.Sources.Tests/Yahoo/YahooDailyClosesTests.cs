using System.Globalization;
using System.Text;
using Alerts.Sources.Feeds;
using Alerts.Sources.Yahoo;
using Alerts.Testing;
using Microsoft.AspNetCore.Http;
using static Alerts.Sources.Tests.Feeds.FeedTestKit;

namespace Alerts.Sources.Tests.Yahoo;

/// <summary>The Yahoo quote source's daily data as the daily-close source the price-history seeding asks.</summary>
public class YahooDailyClosesTests
{
    /// <summary>Friday 2026-08-07 at 10:00 in Hong Kong.</summary>
    private static readonly ManualTimeProvider Clock = new(new DateTimeOffset(2026, 8, 7, 2, 0, 0, TimeSpan.Zero));

    /// <summary>A chart v8 answer with one daily bar per date (stamped at the 09:30 open in Hong Kong), a null close on the 4th.</summary>
    private static string Chart(string symbol, params (string Date, decimal? Close)[] bars)
    {
        var times = bars.Select(b => new DateTimeOffset(DateTime.Parse(b.Date, CultureInfo.InvariantCulture).AddHours(9.5), TimeSpan.FromHours(8)).ToUnixTimeSeconds());
        var closes = bars.Select(b => b.Close?.ToString(CultureInfo.InvariantCulture) ?? "null");
        return new StringBuilder()
            .Append("""{"chart":{"result":[{"meta":{"currency":"HKD","symbol":""").Append('"').Append(symbol).Append('"')
            .Append(""","regularMarketPrice":496.0,"regularMarketTime":1786068000,"gmtoffset":28800},"timestamp":[""")
            .Append(string.Join(',', times)).Append("""],"indicators":{"quote":[{"close":[""").Append(string.Join(',', closes))
            .Append("]}]}}],\"error\":null}}").ToString();
    }

    private static readonly string Zhipu = Chart("2513.HK", ("2026-08-03", 401m), ("2026-08-04", null), ("2026-08-05", 420.5m), ("2026-08-06", 431m), ("2026-08-07", 496m));

    private static YahooDailyCloses Closes(LoopbackServer yahoo, HttpClient http) =>
        new(http, new FeedSourceOptions { Name = "yahoo-quotes", Kind = YahooChartSource.Kind, Url = yahoo.Url("/") }, Clock);

    private static async Task<LoopbackServer> Serving(int status, string body) =>
        await LoopbackServer.StartAsync(async (_, context) =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body);
        });

    [Fact]
    public async Task Closes_are_cut_to_the_dates_asked_for_and_bars_without_a_close_are_left_out()
    {
        await using var yahoo = await Serving(200, Zhipu);
        using var http = Http();

        var closes = await Closes(yahoo, http).GetDailyClosesAsync("02513.HK", new DateOnly(2026, 8, 4), new DateOnly(2026, 8, 6), CancellationToken.None);

        Assert.Equal([(new DateOnly(2026, 8, 5), 420.5m), (new DateOnly(2026, 8, 6), 431m)], closes.Select(c => (c.Date, c.Close)));
        Assert.All(closes, c => Assert.Equal("2513.HK", c.Symbol));
        Assert.Equal("/v8/finance/chart/2513.HK?interval=1d&range=5d", Assert.Single(yahoo.Requests).PathAndQuery);
    }

    [Theory]
    // the first day asked for, the chart range that covers it
    [InlineData("2026-07-31", "1mo")]
    [InlineData("2025-08-08", "1y")]  // 52 weeks
    [InlineData("2021-01-04", "10y")]
    [InlineData("0001-01-01", "10y")] // all-time: Yahoo's widest daily range
    public async Task The_smallest_range_that_covers_the_first_day_is_asked_for(string from, string range)
    {
        await using var yahoo = await Serving(200, Zhipu);
        using var http = Http();

        await Closes(yahoo, http).GetDailyClosesAsync("2513.HK", DateOnly.Parse(from, CultureInfo.InvariantCulture), new DateOnly(2026, 8, 6), CancellationToken.None);

        Assert.EndsWith("range=" + range, Assert.Single(yahoo.Requests).PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(404, """{"chart":{"result":null,"error":{"code":"Not Found","description":"No data found, symbol may be delisted"}}}""", "404")]
    [InlineData(429, "Too Many Requests", "429")]
    [InlineData(503, "", "503")]
    [InlineData(200, "<html>consent</html>", "not JSON")]
    [InlineData(200, """{"chart":{"result":null,"error":{"code":"Not Found","description":"No data found"}}}""", "Not Found")]
    public async Task Failures_are_thrown_naming_the_source_and_the_symbol(int status, string body, string expected)
    {
        await using var yahoo = await Serving(status, body);
        using var http = Http();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() =>
            Closes(yahoo, http).GetDailyClosesAsync("9999.HK", new DateOnly(2026, 8, 1), new DateOnly(2026, 8, 6), CancellationToken.None));

        Assert.Contains("yahoo-quotes", error.Message, StringComparison.Ordinal);
        Assert.Contains("9999.HK", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slow_answer_times_out_as_the_clients_timeout()
    {
        await using var yahoo = await LoopbackServer.StartAsync(async (_, context) => await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));
        using var http = Http(TimeSpan.FromMilliseconds(300));

        var error = await Record.ExceptionAsync(() =>
            Closes(yahoo, http).GetDailyClosesAsync("2513.HK", new DateOnly(2026, 8, 1), new DateOnly(2026, 8, 6), CancellationToken.None));

        Assert.True(error is HttpRequestException or OperationCanceledException, error?.ToString());
    }

    [Theory]
    [InlineData("2513.HK", true)]
    [InlineData("688256.SS", true)]
    [InlineData("AAPL", true)]
    [InlineData("HKDCNY=X", false)] // rates are not closes a record or a move is measured from
    [InlineData("", false)]
    public void It_serves_listed_symbols_not_currency_pairs(string symbol, bool served)
    {
        using var http = Http();
        var closes = new YahooDailyCloses(http, new FeedSourceOptions { Name = "yahoo-quotes", Kind = YahooChartSource.Kind }, Clock);

        Assert.Equal(served, closes.Serves(symbol));
        Assert.Equal("yahoo-quotes", closes.Name);
    }

    [Fact]
    public async Task Nothing_is_asked_for_a_range_that_ends_before_it_starts_or_starts_in_the_future()
    {
        await using var yahoo = await Serving(200, Zhipu);
        using var http = Http();
        var closes = Closes(yahoo, http);

        Assert.Empty(await closes.GetDailyClosesAsync("2513.HK", new DateOnly(2026, 8, 6), new DateOnly(2026, 8, 5), CancellationToken.None));
        Assert.Empty(await closes.GetDailyClosesAsync("2513.HK", new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 5), CancellationToken.None));
        Assert.Empty(yahoo.Requests);
    }
}
