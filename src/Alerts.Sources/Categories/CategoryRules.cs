using Alerts.Core.Model;
using static Alerts.Core.Model.AnnouncementCategory;
using static Alerts.Sources.Categories.CategoryRule;

namespace Alerts.Sources.Categories;

/// <summary>
/// The classification table. Codes come first because they are exact; title keywords catch what codes cannot (sources
/// without a taxonomy, and A-share plans that HKEX files under generic headlines). English and Chinese (simplified and
/// traditional) side by side; matching is case- and width-insensitive.
/// </summary>
internal static class CategoryRules
{
    private static readonly string[] IssueOrListingWords =
    [
        "issue", "issuance", "listing", "list", "offering", "ipo", "发行", "發行", "上市",
    ];

    private static readonly string[] StarMarketWords =
    [
        "科创板", "科創板", "star market", "sci-tech innovation board",
    ];

    public static IReadOnlyList<CategoryRule> All { get; } =
    [
        // HKEX: tier-2 codes classify precisely; the parser passes the tier-1 code only when a row has no tier-2 code.
        ForCodes(ListingApplication, SourceCodes.Hkex("91000"), SourceCodes.Hkex("91200"), SourceCodes.Hkex("91300")),
        ForCodes(ListingHearingOrApproval, SourceCodes.Hkex("91100")),
        ForCodes(Prospectus, SourceCodes.Hkex("30000"), SourceCodes.Hkex("30500"), SourceCodes.Hkex("30600"), SourceCodes.Hkex("30700"),
            SourceCodes.Hkex("30800"), SourceCodes.Hkex("31000"), SourceCodes.Hkex("31100"), SourceCodes.Hkex("31200")),
        ForCodes(Results, SourceCodes.Hkex("13300"), SourceCodes.Hkex("13400"), SourceCodes.Hkex("40100"), SourceCodes.Hkex("40200")),

        // SSE IPO review statuses: 1 accepted; 3 and 9 listing committee; 4 submitted for and 5 result of CSRC registration.
        ForCodes(ListingApplication, SourceCodes.SseIpoStatus(1)),
        ForCodes(ListingHearingOrApproval, SourceCodes.SseIpoStatus(3), SourceCodes.SseIpoStatus(9), SourceCodes.SseIpoStatus(4),
            SourceCodes.SseIpoStatus(5)),

        ForCodes(IpoTutoring, SourceCodes.CsrcTutoring),

        ForWords(ListingApplication,
            ["application proof", "listing application", "上市申请", "上市申請", "首次公开发行股票并在科创板上市申请", "申请版本", "申請版本"]),

        ForWords(IpoTutoring, ["tutoring", "辅导", "輔導"]),

        ForWords(Prospectus, ["prospectus", "招股说明书", "招股說明書", "招股书", "招股書", "招股章程"]),

        ForWords(ListingHearingOrApproval,
            ["post hearing", "post-hearing", "listing hearing", "聆訊", "聆讯", "上市委", "listing committee", "注册生效", "註冊生效", "同意注册"]),
        // "approval" alone is everywhere (shareholders' approval); only approvals of a listing or registration count.
        ForWords(ListingHearingOrApproval, ["approval", "approved"],
            alsoAnyOf: ["listing", "registration", "csrc", "上市", "注册", "註冊"],
            noneOf: ["shareholders", "shareholder", "general meeting", "股东大会", "股東大會"]),

        ForWords(AShareIssuance, ["发行a股", "發行a股", "a股发行", "a股發行"]),
        // "A share(s)" alone also names option schemes and trading notices; require a word about issuing or listing.
        ForWords(AShareIssuance, ["a share", "a shares", "a-share", "a-shares", "a股"], alsoAnyOf: [.. IssueOrListingWords, .. StarMarketWords]),
        ForWords(AShareIssuance, StarMarketWords, alsoAnyOf: IssueOrListingWords),

        ForWords(Results,
            ["results", "annual report", "interim report", "quarterly report", "业绩", "業績", "年度报告", "年度報告", "年报", "年報",
             "半年度报告", "中期报告", "中期報告", "季度报告", "季度報告"],
            noneOf: ["allotment results", "poll results", "voting results", "results of the general meeting", "配发结果", "配發結果",
                     "投票结果", "投票結果", "表决结果", "表決結果"]),

        ForWords(TradingHalt,
            ["trading halt", "halt in trading", "halt of trading", "suspension of trading", "停牌", "短暫停止買賣", "短暂停止买卖", "暫停買賣",
             "暂停买卖"]),
    ];
}
