using Alerts.Core.Companies;

namespace Alerts.Core.Tests.Companies;

public sealed class SymbolFormatTests
{
    [Theory]
    [InlineData("HKEX", "02513", "2513.HK")]
    [InlineData("HKEX", "00700", "0700.HK")]
    [InlineData("HKEX", "9988", "9988.HK")]
    [InlineData("hkex", " 01810 ", "1810.HK")]
    [InlineData("SSE", "688256", "688256.SS")]
    [InlineData("SZSE", "000001", "000001.SZ")]
    [InlineData("BSE", "430047", "430047.BJ")]
    [InlineData("NASDAQ", "aapl", "AAPL")]
    public void Exchange_codes_become_canonical_symbols(string exchange, string code, string symbol)
    {
        Assert.Equal(symbol, SymbolFormat.FromExchangeCode(exchange, code));
    }

    [Theory]
    [InlineData("HKEX", "02513", "HKEX", "2513", true)]
    [InlineData("HKEX", "00700", "hkex", "700", true)]
    [InlineData("SSE", "000001", "SZSE", "000001", false)]
    [InlineData("SZSE", "000001", "SZSE", "1", false)]
    public void Code_keys_ignore_Hong_Kong_zero_padding_only(string exchangeA, string codeA, string exchangeB, string codeB, bool same)
    {
        Assert.Equal(same, SymbolFormat.CodeKey(exchangeA, codeA) == SymbolFormat.CodeKey(exchangeB, codeB));
    }

    [Theory]
    [InlineData("2513.HK", 8)]
    [InlineData("688256.SS", 8)]
    [InlineData("000001.sz", 8)]
    [InlineData("430047.BJ", 8)]
    public void Hong_Kong_and_mainland_symbols_trade_on_UTC_plus_8(string symbol, int offsetHours)
    {
        var zone = SymbolFormat.TradingZoneOf(symbol);

        Assert.Equal(TimeSpan.FromHours(offsetHours), zone.GetUtcOffset(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(TimeSpan.FromHours(offsetHours), zone.GetUtcOffset(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Other_symbols_trade_on_New_York_time_with_daylight_saving()
    {
        var zone = SymbolFormat.TradingZoneOf("AAPL");

        Assert.Equal(TimeSpan.FromHours(-5), zone.GetUtcOffset(new DateTimeOffset(2026, 1, 8, 15, 0, 0, TimeSpan.Zero)));
        Assert.Equal(TimeSpan.FromHours(-4), zone.GetUtcOffset(new DateTimeOffset(2026, 7, 8, 15, 0, 0, TimeSpan.Zero)));
    }
}
