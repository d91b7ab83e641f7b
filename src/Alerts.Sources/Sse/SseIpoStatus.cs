using System.Globalization;

namespace Alerts.Sources.Sse;

/// <summary>The SH_XM_LB status vocabulary, in the exchange's own words.</summary>
internal static class SseIpoStatus
{
    public static string Describe(int currStatus) => currStatus switch
    {
        1 => "已受理",
        2 => "已问询",
        3 => "上市委会议",
        4 => "提交注册",
        5 => "注册结果",
        7 => "中止",
        8 => "终止",
        9 => "上市委审议",
        10 => "补充审核",
        _ => "状态" + currStatus.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Within status 5: 1 = registration effective, 3 = registration refused or terminated.</summary>
    public static string? DescribeRegistration(string? registeResult) => registeResult?.Trim() switch
    {
        null or "" => null,
        "1" => "注册生效",
        "3" => "不予注册/终止注册",
        var other => "注册结果" + other,
    };

    public static string Board(int? issueMarketType) => issueMarketType switch
    {
        1 => "科创板",
        2 => "主板",
        _ => string.Empty,
    };

    /// <summary>Project names often carry the list's own suffix ("…股份有限公司科创板IPO项目"); the issuer is the company.</summary>
    public static string CompanyName(string auditName)
    {
        var name = auditName.Trim();
        foreach (var suffix in (ReadOnlySpan<string>)["科创板IPO项目", "主板IPO项目", "创业板IPO项目", "IPO项目", "项目"])
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && name.Length > suffix.Length)
            {
                return name[..^suffix.Length].Trim();
            }
        }

        return name;
    }
}
