using System.Text;
using Alerts.Sources.Parsing;
using Alerts.Sources.Tencent;

namespace Alerts.Sources.Tests.Tencent;

public class TencentQuoteParserTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public void Reads_the_captured_hong_kong_line_from_gbk_bytes()
    {
        var result = TencentQuoteParser.Parse(Fixture.Bytes("tencent-hk00700.gbk.txt"));

        Assert.Empty(result.Problems);
        var tick = Assert.Single(result.Items);
        Assert.Equal("0700.HK", tick.Symbol);
        Assert.Equal(479.200m, tick.Price);
        Assert.Equal(473.800m, tick.PreviousClose);
        Assert.Equal(19321018, tick.Volume);
        Assert.Equal(new DateTimeOffset(2026, 4, 29, 16, 8, 43, China), tick.Time);
        Assert.Equal("HKD", tick.Currency);
        Assert.Equal("tencent", tick.Source);
    }

    [Fact]
    public void Reads_the_captured_a_share_line_from_gbk_bytes()
    {
        var tick = Assert.Single(TencentQuoteParser.Parse(Fixture.Bytes("tencent-sh600000.gbk.txt")).Items);

        Assert.Equal("600000.SS", tick.Symbol);
        Assert.Equal(9.40m, tick.Price);
        Assert.Equal(9.26m, tick.PreviousClose);
        Assert.Equal(77_187_100, tick.Volume); // 771871 lots of 100 shares
        Assert.Equal(new DateTimeOffset(2026, 9, 14, 16, 14, 38, China), tick.Time);
        Assert.Equal("CNY", tick.Currency);
    }

    [Fact]
    public void A_gbk_trail_byte_equal_to_the_separator_does_not_shift_fields()
    {
        var bytes = Fixture.Bytes("tencent-gbk-tilde.gbk.txt");

        // What a UTF-8 decode does: 葉 is C8 7E in GBK, and the 7E survives as an extra '~'.
        var utf8Fields = Encoding.UTF8.GetString(bytes).Split('~').Length;
        var gbkFields = GbkText.Decode(bytes).Split('~').Length;
        Assert.Equal(78, gbkFields);
        Assert.Equal(79, utf8Fields);

        var tick = Assert.Single(TencentQuoteParser.Parse(bytes).Items);
        Assert.Equal("9999.HK", tick.Symbol);
        Assert.Equal(479.200m, tick.Price);
        Assert.Equal(473.800m, tick.PreviousClose);
        Assert.Equal(new DateTimeOffset(2026, 4, 29, 16, 8, 43, China), tick.Time);
    }

    [Fact]
    public void Several_lines_in_one_body_each_become_a_tick()
    {
        var body = Concat(Fixture.Bytes("tencent-hk00700.gbk.txt"), Fixture.Bytes("tencent-sh600000.gbk.txt"));

        Assert.Equal(["0700.HK", "600000.SS"], TencentQuoteParser.Parse(body).Items.Select(t => t.Symbol));
    }

    [Fact]
    public void Lines_with_too_few_fields_are_no_data_and_the_rest_is_kept()
    {
        var body = Concat(
            Encoding.ASCII.GetBytes("v_pv_none_match=\"1\";\nv_sz000001=\"\";\n"),
            Fixture.Bytes("tencent-hk00700.gbk.txt"));

        var result = TencentQuoteParser.Parse(body);

        Assert.Equal("0700.HK", Assert.Single(result.Items).Symbol);
        Assert.Equal(2, result.Problems.Count);
        Assert.All(result.Problems, p => Assert.Contains("no data", p.Message, StringComparison.Ordinal));
        Assert.Equal("line 1", result.Problems[0].Where);
    }

    [Theory]
    [InlineData("v_hk00700=\"100~腾讯控股~00700~479.200~473.800~474.600~19321018.0~0\";", "only 8 fields")]
    [InlineData("v_hk00700=\"100~腾讯控股~00700~0.000~473.800~474.600~19321018.0~0~0~0~0~0~0~0~0~0~0~0~0~0~0~0~0~0~0~0~0~0~0~0~2026/04/29 16:08:43~0\";", "no last price")]
    [InlineData("v_hk00700=\"100~腾讯控股~00700~479.2~473.8~474.6~19321018.0~0~0~0~0~0~0~0~0~0~0~0~0~0~0~0~0~0~0~0~0~0~0~0~29/04/2026 16:08~0\";", "no known format")]
    [InlineData("v_usAAPL=\"200~苹果~AAPL.OQ~190.1~188.2~189~1000~0~0~0~0~0~0~0~0~0~0~0~0~0~0~0~0~0~0~0~0~0~0~0~2026-04-29 16:00:00~0\";", "market not supported")]
    public void Unusable_lines_are_reported(string line, string expected)
    {
        var result = TencentQuoteParser.Parse(GbkText.Encoding.GetBytes(line));

        Assert.Empty(result.Items);
        Assert.Contains(expected, Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    public void An_empty_body_is_no_quotes(string body) => Assert.Empty(TencentQuoteParser.Parse(Encoding.ASCII.GetBytes(body)).Items);

    [Fact]
    public void A_body_without_quote_lines_is_a_clear_error()
    {
        var result = TencentQuoteParser.Parse(Encoding.ASCII.GetBytes("<html><body>403 Forbidden</body></html>"));

        Assert.True(result.IsMalformed);
        Assert.Contains("no quote lines", result.Error, StringComparison.Ordinal);
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
