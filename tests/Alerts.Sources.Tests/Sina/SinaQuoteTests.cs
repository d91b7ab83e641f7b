using System.Text;
using Alerts.Sources.Feeds;
using Alerts.Sources.Sina;
using Alerts.Testing;
using Microsoft.AspNetCore.Http;
using static Alerts.Sources.Tests.Feeds.FeedTestKit;

namespace Alerts.Sources.Tests.Sina;

/// <summary>Sina's GBK quote lines, its Referer rule and its empty answers, against a loopback stand-in.</summary>
public class SinaQuoteTests
{
    // Verbatim lines from feeds.md §7d (A-share regression fixture; delayed and real-time Hong Kong lines).
    private const string AShare =
        "var hq_str_sh600000=\"浦发银行,9.090,9.110,9.050,9.150,9.030,9.040,9.050,51270289,465159863.000,375500,9.040,709400,9.030,452100,9.020,714700,9.010,862200,9.000,436555,9.050,284000,9.060,220600,9.070,110065,9.080,351295,9.090,2026-08-21,15:34:58,00,D|36500|330325.00\";";

    private const string HongKongRealTime =
        "var hq_str_rt_hk02513=\"KNOWLEDGE ATLAS,智谱,410.000,402.000,498.000,405.000,496.000,94.000,23.383,495.800,496.000,11525779749,19389831,0.000,0.000,498.000,120.000,2026/11/27,16:08:44,100|0,N|Y|Y,496.000|362.000|442.000,0|||0.000|0.000|0.000,|0,Y\";";

    private const string Unknown = "var hq_str_sz999999=\"\";";

    private static byte[] Gbk(string text)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030").GetBytes(text);
    }

    [Fact]
    public void A_share_and_hong_kong_lines_become_ticks_in_canonical_symbols()
    {
        var parsed = SinaQuoteParser.Parse(Gbk(string.Join('\n', AShare, HongKongRealTime, Unknown)));

        Assert.False(parsed.IsMalformed);
        var ashare = parsed.Items[0];
        Assert.Equal(("600000.SS", 9.050m, 9.110m, 51270289L, "CNY"), (ashare.Symbol, ashare.Price, ashare.PreviousClose, ashare.Volume, ashare.Currency));
        Assert.Equal(new DateTimeOffset(2026, 8, 21, 15, 34, 58, TimeSpan.FromHours(8)), ashare.Time);
        var zhipu = parsed.Items[1];
        Assert.Equal(("2513.HK", 496.000m, 402.000m, 19389831L, "HKD"), (zhipu.Symbol, zhipu.Price, zhipu.PreviousClose, zhipu.Volume, zhipu.Currency));
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 16, 8, 44, TimeSpan.FromHours(8)), zhipu.Time);
        Assert.Equal("sina", zhipu.Source);
        Assert.Contains("sz999999", Assert.Single(parsed.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_delayed_hong_kong_series_has_minutes_only()
    {
        var parsed = SinaQuoteParser.ParseText(
            "var hq_str_hk00700=\"TENCENT,腾讯控股,600.000,602.000,603.000,585.500,597.000,-5.000,-0.831,597.000,597.500,11525779749,19389831,422.505,0.000,633.000,316.996,2020/11/16,16:08\";");

        var tick = Assert.Single(parsed.Items);
        Assert.Equal(("0700.HK", 597.000m, 602.000m), (tick.Symbol, tick.Price, tick.PreviousClose));
        Assert.Equal(new DateTimeOffset(2020, 11, 16, 16, 8, 0, TimeSpan.FromHours(8)), tick.Time);
    }

    [Theory]
    [InlineData("", "empty body")]
    [InlineData("Forbidden", "Referer")]
    public void Sina_answers_without_quotes_are_malformed_and_say_why(string body, string expected)
    {
        var parsed = SinaQuoteParser.ParseText(body);

        Assert.True(parsed.IsMalformed);
        Assert.Contains(expected, parsed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_source_sends_sinas_referer_and_decodes_gbk_bytes_whatever_the_declared_charset()
    {
        var body = Gbk(string.Join('\n', AShare, HongKongRealTime));
        await using var sina = await LoopbackServer.StartAsync(async (request, context) =>
        {
            // Like Sina: no Referer, no quotes.
            if (request.Header("Referer") != SinaQuoteSource.Referer)
            {
                context.Response.StatusCode = 403;
                await context.Response.WriteAsync("Forbidden");
                return;
            }

            context.Response.ContentType = "application/javascript; charset=utf-8";
            await context.Response.Body.WriteAsync(body);
        });
        using var http = Http();

        var poll = await Create(SinaQuoteSource.Kind, sina.Url("/"), http, symbols: ["2513.HK", "600000.SS", "AAPL"]).PollAsync(CancellationToken.None);

        Assert.True(poll.Succeeded, poll.Error?.ToString());
        Assert.Equal(["600000.SS", "2513.HK"], poll.Events.Select(e => e.Tick!.Symbol));
        Assert.Equal("/list=rt_hk02513,sh600000", Assert.Single(sina.Requests).PathAndQuery);
        Assert.Equal("AAPL", Assert.Single(poll.Problems).Where);
    }

    [Fact]
    public async Task An_empty_answer_fails_the_poll_naming_the_source()
    {
        await using var sina = await LoopbackServer.StartAsync(200, string.Empty);
        using var http = Http();

        var poll = await Create(SinaQuoteSource.Kind, sina.Url("/"), http, symbols: ["2513.HK"]).PollAsync(CancellationToken.None);

        Assert.Equal(FeedErrorKind.Malformed, poll.Error!.Kind);
        Assert.Contains("sina-quotes-test", poll.Error.Message, StringComparison.Ordinal);
        Assert.Contains("Referer", poll.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2513.HK", "rt_hk02513")]
    [InlineData("0700.HK", "rt_hk00700")]
    [InlineData("688256.SS", "sh688256")]
    [InlineData("000001.SZ", "sz000001")]
    [InlineData("430047.BJ", "bj430047")]
    [InlineData("AAPL", null)]
    public void Symbols_map_to_sina_codes_and_back(string symbol, string? code)
    {
        Assert.Equal(code, SinaSymbols.FromCanonical(symbol));
        if (code is not null)
        {
            Assert.Equal(symbol, SinaSymbols.ToCanonical(code));
        }
    }
}
