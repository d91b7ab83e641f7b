using Alerts.Core.Companies;
using Alerts.Core.Model;
using static Alerts.Core.Tests.TestData;

namespace Alerts.Core.Tests.Companies;

public sealed class CompanyDirectoryTests
{
    [Theory]
    [InlineData("zhipu")]
    [InlineData("ZHIPU")]
    [InlineData("Zhipu")]
    [InlineData("knowledge atlas")]
    [InlineData("ＫＮＯＷＬＥＤＧＥ　ＡＴＬＡＳ")]
    [InlineData("智谱")]
    [InlineData("北京智谱华章科技股份有限公司")]
    [InlineData("2513.HK")]
    [InlineData("2513.hk")]
    [InlineData("02513")]
    [InlineData("2513")]
    [InlineData(" 02513 ")]
    public void Find_resolves_ids_names_symbols_and_codes(string entry)
    {
        Assert.Same(Zhipu, Known.Find(entry));
    }

    [Theory]
    [InlineData("688256", "cambricon")]
    [InlineData("688256.SS", "cambricon")]
    [InlineData("000001", "pingan-bank")]
    [InlineData("000001.SZ", "pingan-bank")]
    [InlineData("700", "tencent")]
    [InlineData("0700.HK", "tencent")]
    [InlineData("AAPL", "apple")]
    public void Find_tells_codes_of_different_exchanges_apart(string entry, string companyId)
    {
        Assert.Equal(companyId, Known.Find(entry)?.Id);
    }

    [Fact]
    public void A_six_digit_mainland_code_is_never_read_as_a_zero_padded_hkex_code()
    {
        var ckHutchison = new Company("ck-hutchison", ["CK Hutchison"], [new Listing("HKEX", "00001", "0001.HK", "HKD")]);
        var pingAn = new Company("pingan-bank", ["Ping An Bank"], [new Listing("SZSE", "000001", "000001.SZ", "CNY")]);
        var directory = new CompanyDirectory([ckHutchison, pingAn]);

        Assert.Same(pingAn, directory.Find("000001"));
        Assert.Same(ckHutchison, directory.Find("00001"));
        Assert.Same(ckHutchison, directory.Find("１"));
    }

    [Theory]
    [InlineData("Zhipuu")]
    [InlineData("2514")]
    [InlineData("")]
    public void Find_returns_null_for_unknown_entries(string entry)
    {
        Assert.Null(Known.Find(entry));
    }

    [Theory]
    [InlineData("HKEX", "02513", null, "zhipu")]
    [InlineData("HKEX", "2513", null, "zhipu")]
    [InlineData("SSE", null, "北京智谱华章科技股份有限公司", "zhipu")]
    [InlineData("SSE", "688256", null, "cambricon")]
    [InlineData("HKEX", "688256", null, null)]
    [InlineData("SZSE", "02513", null, null)]
    [InlineData("HKEX", "09999", "Tencent Holdings", "tencent")]
    [InlineData("HKEX", null, null, null)]
    public void Resolve_uses_the_exchange_code_then_falls_back_to_the_name(string exchange, string? code, string? name, string? companyId)
    {
        Assert.Equal(companyId, Known.Resolve(new IssuerRef(exchange, code, name))?.Id);
    }

    [Fact]
    public void BySymbol_and_ById_find_the_company()
    {
        Assert.Same(Cambricon, Known.BySymbol("688256.ss"));
        Assert.Null(Known.BySymbol("688256"));
        Assert.Same(Tencent, Known.ById("TENCENT"));
        Assert.Equal(5, Known.All.Count);
        Assert.Null(CompanyDirectory.Empty.Find("zhipu"));
    }
}
