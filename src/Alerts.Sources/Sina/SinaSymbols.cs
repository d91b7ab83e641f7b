using Alerts.Sources.Tencent;

namespace Alerts.Sources.Sina;

/// <summary>
/// Sina <c>hq.sinajs.cn</c> codes and canonical symbols: <c>rt_hk02513</c>/<c>hk02513</c> ⇄ <c>2513.HK</c> (the <c>rt_</c>
/// series is real-time, plain <c>hk</c> about 15 minutes late), <c>sh688256</c> ⇄ <c>688256.SS</c>, <c>sz000001</c> ⇄
/// <c>000001.SZ</c>, <c>bj430047</c> ⇄ <c>430047.BJ</c>. The mainland prefixes are Tencent's.
/// </summary>
public static class SinaSymbols
{
    public static string? FromCanonical(string symbol) => TencentSymbols.FromCanonical(symbol) switch
    {
        null => null,
        var code when code.StartsWith("r_hk", StringComparison.Ordinal) => "rt_" + code[2..],
        var code => code,
    };

    public static string? ToCanonical(string sinaCode)
    {
        ArgumentNullException.ThrowIfNull(sinaCode);
        var code = sinaCode.Trim();
        return TencentSymbols.ToCanonical(code.StartsWith("rt_", StringComparison.OrdinalIgnoreCase) ? code[3..] : code);
    }

    public static bool IsHongKong(string sinaCode) =>
        sinaCode.StartsWith("hk", StringComparison.OrdinalIgnoreCase) || sinaCode.StartsWith("rt_hk", StringComparison.OrdinalIgnoreCase);
}
