using Alerts.Sources.Tencent;

namespace Alerts.Sources.Tests.Tencent;

public class TencentSymbolsTests
{
    [Theory]
    [InlineData("hk02513", "2513.HK")]
    [InlineData("r_hk02513", "2513.HK")]
    [InlineData("hk00700", "0700.HK")]
    [InlineData("r_hk00100", "0100.HK")]
    [InlineData("sh688256", "688256.SS")]
    [InlineData("sh600000", "600000.SS")]
    [InlineData("sz000001", "000001.SZ")]
    [InlineData("sz002594", "002594.SZ")]
    [InlineData("bj430047", "430047.BJ")]
    [InlineData("usAAPL", null)]
    [InlineData("pv_none_match", null)]
    [InlineData("hk", null)]
    public void Maps_tencent_codes_to_canonical_symbols(string code, string? symbol) => Assert.Equal(symbol, TencentSymbols.ToCanonical(code));

    [Theory]
    [InlineData("2513.HK", "r_hk02513")]
    [InlineData("700.HK", "r_hk00700")]
    [InlineData("688256.SS", "sh688256")]
    [InlineData("000001.SZ", "sz000001")]
    [InlineData("430047.BJ", "bj430047")]
    [InlineData("AAPL", null)]
    [InlineData("BRK.B", null)]
    public void Maps_canonical_symbols_to_real_time_tencent_codes(string symbol, string? code) => Assert.Equal(code, TencentSymbols.FromCanonical(symbol));
}
