using Alerts.Core.Model;
using static Alerts.Core.Model.AnnouncementCategory;
using static Alerts.Sources.Categories.CategoryRule;

namespace Alerts.Sources.Categories;

/// <summary>
/// The classification table. Codes come first because they are exact; title keywords catch what codes cannot (sources
/// without a taxonomy, and milestones HKEX files under generic headlines). Keywords and titles are folded (case, width and
/// Traditional → Simplified), so one simplified keyword also matches its traditional spelling; English and Chinese side by
/// side, and the Hong Kong wording where it differs from the mainland's (招股章程 / 招股说明书).
/// Every HKEX code here is checked against the bundled tier tables (Samples/hkex-tierone_e.json, hkex-tiertwo_e.json).
/// </summary>
internal static class CategoryRules
{
    private static readonly string[] IssueOrListingWords =
    [
        "issue", "issuance", "listing", "list", "offering", "ipo", "发行", "上市",
    ];

    /// <summary>The mainland boards whose listings are A-share listings (not 主板: Hong Kong has a Main Board too).</summary>
    private static readonly string[] AShareBoardWords =
    [
        "科创板", "star market", "sci-tech innovation board", "创业板", "chinext", "北京证券交易所", "北交所",
    ];

    /// <summary>Listings of debt and structured products are not company listings: these words veto every listing milestone.</summary>
    public static readonly string[] StructuredProductWords =
    [
        "notes", "note programme", "medium term note", "bonds", "bond", "debentures", "cbbc", "cbbcs", "callable bull/bear",
        "warrants", "derivative warrants", "structured products", "debt issuance programme", "commercial paper", "票据", "债券",
        "公司债", "可转债", "可转换公司债券", "牛熊证", "窝轮", "认股证", "权证", "结构性产品", "中期票据", "短期融资券", "超短期融资券",
    ];

    /// <summary>HKEX tier-1 "Debt and Structured Products": never a company listing, whatever the title says.</summary>
    public static readonly string StructuredProductsCode = SourceCodes.Hkex("70000");

    public static readonly AnnouncementCategory[] ListingMilestones =
    [
        SponsorAppointment, IpoTutoring, TutoringFiled, TutoringAccepted, TutoringCompleted, TutoringTerminated, ListingApplication,
        Inquiry, ListingHearingOrApproval, RegistrationEffective, Prospectus, AllotmentResults, ListingDate, AShareIssuance, SpinOff,
        Withdrawal,
    ];

    public static IReadOnlyList<CategoryRule> All { get; } =
    [
        // HKEX: tier-2 codes classify precisely; the parser passes the tier-1 code only when a row has no tier-2 code.
        ForCodes(ListingApplication, Hkex("91000"), Hkex("91200")),
        ForCodes(ListingHearingOrApproval, Hkex("91100")),
        // An OC (overall coordinator) announcement names who runs the offering; it is not itself an application.
        ForCodes(SponsorAppointment, Hkex("91300")),
        ForCodes(Prospectus, Hkex("30000"), Hkex("30500"), Hkex("30600"), Hkex("30700"), Hkex("31000"), Hkex("31200"),
            Hkex("15200"), Hkex("15500")),
        ForCodes(AllotmentResults, Hkex("15100")),
        ForCodes(Results, Hkex("13300"), Hkex("13400"), Hkex("40100"), Hkex("40200"), Hkex("40300")),
        ForCodes(InsideInformation, SourceCodes.HkexHeadline("Inside Information"), SourceCodes.HkexHeadline("內幕消息")),
        ForCodes(TradingHalt, SourceCodes.HkexHeadline("Trading Halt"), SourceCodes.HkexHeadline("短暫停牌"),
            SourceCodes.HkexHeadline("Suspension"), SourceCodes.HkexHeadline("停牌")),
        ForCodes(TradingResumption, SourceCodes.HkexHeadline("Resumption"), SourceCodes.HkexHeadline("復牌")),

        // HKEX IPO pipeline (Application Proof / PHIP lists).
        ForCodes(ListingApplication, SourceCodes.HkexPipeline("new-filing")),
        ForCodes(ListingHearingOrApproval, SourceCodes.HkexPipeline("phip")),
        ForCodes(SponsorAppointment, SourceCodes.HkexPipeline("oc")),
        ForCodes(ListingDate, SourceCodes.HkexPipeline("listed")),
        ForCodes(Withdrawal, SourceCodes.HkexPipeline("lapsed"), SourceCodes.HkexPipeline("withdrawn"), SourceCodes.HkexPipeline("rejected"),
            SourceCodes.HkexPipeline("returned")),

        // SSE IPO review: 1 accepted, 2 inquiry, 3 and 9 listing committee, 4 submitted for registration, 5 registration result
        // (registeResult 1 effective, 3 refused or terminated), 8 terminated.
        ForCodes(ListingApplication, SourceCodes.SseIpoStatus(1)),
        ForCodes(Inquiry, SourceCodes.SseIpoStatus(2)),
        ForCodes(ListingHearingOrApproval, SourceCodes.SseIpoStatus(3), SourceCodes.SseIpoStatus(9), SourceCodes.SseIpoStatus(4)),
        ForCodes(RegistrationEffective, SourceCodes.SseIpoRegistration("1")),
        ForCodes(Withdrawal, SourceCodes.SseIpoStatus(8), SourceCodes.SseIpoRegistration("3")),

        // SZSE IPO projects, in the exchange's own status words (stageList).
        ForCodes(ListingApplication, SourceCodes.SzseIpoStatus("已受理"), SourceCodes.SzseIpoStatus("受理")),
        ForCodes(Inquiry, SourceCodes.SzseIpoStatus("已问询"), SourceCodes.SzseIpoStatus("问询")),
        ForCodes(ListingHearingOrApproval, SourceCodes.SzseIpoStatus("上市委会议通过"), SourceCodes.SzseIpoStatus("复审通过"),
            SourceCodes.SzseIpoStatus("提交注册"), SourceCodes.SzseIpoStatus("上市委会议")),
        ForCodes(RegistrationEffective, SourceCodes.SzseIpoStatus("注册生效")),
        ForCodes(Withdrawal, SourceCodes.SzseIpoStatus("终止"), SourceCodes.SzseIpoStatus("终止(撤回)"), SourceCodes.SzseIpoStatus("终止注册"),
            SourceCodes.SzseIpoStatus("不予注册"), SourceCodes.SzseIpoStatus("终止(审核不通过)"), SourceCodes.SzseIpoStatus("终止(未在规定时限内回复)")),

        // CSRC tutoring: every row is tutoring; the status says which step.
        ForCodes(IpoTutoring, SourceCodes.CsrcTutoring),
        ForCodes(TutoringFiled, SourceCodes.CsrcTutoringStatus("辅导备案")),
        ForCodes(TutoringAccepted, SourceCodes.CsrcTutoringStatus("辅导验收")),
        ForCodes(TutoringCompleted, SourceCodes.CsrcTutoringStatus("辅导工作完成")),
        ForCodes(TutoringTerminated, SourceCodes.CsrcTutoringStatus("终止辅导"), SourceCodes.CsrcTutoringStatus("撤回辅导备案")),

        // SEC: registration statements are the application, 424B* the prospectus, EFFECT the effectiveness notice, RW a withdrawal.
        ForCodes(ListingApplication, Sec("S-1"), Sec("S-1/A"), Sec("F-1"), Sec("F-1/A")),
        ForCodes(Prospectus, Sec("424B1"), Sec("424B2"), Sec("424B3"), Sec("424B4"), Sec("424B5"), Sec("424B7"), Sec("424B8")),
        ForCodes(RegistrationEffective, Sec("EFFECT")),
        ForCodes(Withdrawal, Sec("RW")),

        // Titles.
        ForWords(SponsorAppointment,
            ["appointment of sponsor", "appointment of sponsors", "appointment of joint sponsors", "sponsor appointment",
             "appointment of overall coordinator", "appointment of overall coordinators", "oc announcement",
             "委任保荐人", "委任联席保荐人", "委任保荐机构", "聘请保荐机构", "聘任保荐机构", "保荐机构的公告", "整体协调人公告"]),

        ForWords(IpoTutoring, ["tutoring", "pre-listing tutoring", "辅导"]),
        ForWords(TutoringFiled, ["辅导备案", "tutoring filing", "filing for tutoring", "tutoring registration", "filed for ipo tutoring",
            "filing of ipo tutoring"], noneOf: ["撤回", "终止", "withdrawal", "termination"]),
        ForWords(TutoringAccepted, ["辅导验收", "acceptance of tutoring", "tutoring acceptance"]),
        ForWords(TutoringCompleted, ["辅导工作完成", "辅导工作总结", "完成辅导", "辅导完成", "completion of tutoring", "completion of ipo tutoring",
            "tutoring completed", "completed tutoring", "completion of the tutoring"]),
        ForWords(TutoringCompleted, ["完成"], alsoAnyOf: ["辅导"], noneOf: ["验收", "进展"]),
        ForWords(TutoringTerminated, ["终止辅导", "撤回辅导", "termination of tutoring", "tutoring terminated", "withdrawal of tutoring"]),

        ForWords(ListingApplication,
            ["application proof", "listing application", "application for listing", "上市申请", "申请版本", "a1 application",
             "首次公开发行股票并在科创板上市申请", "首次公开发行股票并在创业板上市申请", "发行上市申请获受理", "申请获得受理", "申请获受理",
             "registration statement on form s-1", "registration statement on form f-1"],
            noneOf: ["撤回", "终止", "失效", "withdrawal", "withdraw", "lapse", "lapsed", "termination", "terminate", "post hearing",
                     "聆讯后", "审议", "上市委", "注册生效", "问询", "inquiry", "enquiry", "approved", "approval", "listing committee"]),

        ForWords(Inquiry, ["审核问询函", "问询函的回复", "问询回复", "审核问询", "inquiry letter", "letter of inquiry", "enquiry letter"],
            noneOf: ["年报", "年度报告", "监管问询", "annual report"]),

        ForWords(ListingHearingOrApproval,
            ["post hearing", "post-hearing", "listing hearing", "聆讯", "上市委员会审议", "上市委审议", "上市委会议", "listing committee",
             "上市审核委员会", "审议通过", "审议会议结果", "审议会议公告", "passed the listing hearing", "hearing passed"],
            noneOf: ["未通过", "暂缓", "not approved"]),
        // "approval" alone is everywhere (shareholders' approval); only approvals of a listing count.
        ForWords(ListingHearingOrApproval, ["approval", "approved", "approves", "approve"],
            alsoAnyOf: ["listing application", "listing committee", "new listing", "a share listing", "h share listing", "上市"],
            noneOf: ["shareholders", "shareholder", "general meeting", "股东大会", "股东会", "notes", "bonds"]),

        ForWords(RegistrationEffective,
            ["注册生效", "同意注册", "予以注册", "注册的批复", "registration became effective", "registration takes effect",
             "registration has become effective", "registration effective", "approval of registration", "notice of effectiveness",
             "declared effective"],
            noneOf: ["不予注册", "终止注册"]),
        ForWords(RegistrationEffective, ["approval", "approved", "approves", "consent"], alsoAnyOf: ["registration"],
            noneOf: ["shareholders", "general meeting", "refusal", "not approved", "proposed"]),

        ForWords(Prospectus,
            ["prospectus", "global offering", "招股说明书", "招股书", "招股章程", "全球发售", "招股意向书", "formal notice", "正式通告"],
            noneOf: ["results of the global offering", "allotment results", "配发结果", "全球发售结果", "supplemental prospectus for notes",
                     "rights issue", "open offer", "供股", "公开发售", "use of proceeds", "proceeds", "募集资金"]),

        ForWords(AllotmentResults,
            ["allotment results", "allotment result", "results of allotment", "basis of allotment", "配发结果", "分配结果", "中签结果", "中签率",
             "配售结果", "发行结果", "全球发售结果", "final offer price and allotment"],
            noneOf: ["配售结果公告之更正"]),

        ForWords(ListingDate,
            ["listing date", "commencement of dealings", "dealings commence", "dealings in the h shares", "dealings in the shares",
             "上市日期", "开始买卖", "上市交易公告", "上市公告书", "上市首日", "股票上市交易", "上市交易的公告", "上市交易公告", "于香港联交所主板上市", "挂牌上市", "listed on the main board",
             "debut"],
            noneOf: ["postponement", "延迟", "暂停", "halt", "withdrawal", "撤回", "spin-off", "分拆", "proposed"]),

        ForWords(AShareIssuance, ["发行a股", "a股发行", "回归a股"]),
        // "A share(s)" alone also names option schemes and trading notices; require a word about issuing or listing.
        ForWords(AShareIssuance, ["a share", "a shares", "a-share", "a-shares", "a股"], alsoAnyOf: [.. IssueOrListingWords, .. AShareBoardWords],
            noneOf: ["a share option", "a股股票期权", "a股限制性股票", "a股回购", "repurchase of a shares", "a股交易"]),
        ForWords(AShareIssuance, AShareBoardWords, alsoAnyOf: IssueOrListingWords, noneOf: ["spin-off", "分拆", "subsidiary", "子公司"]),

        ForWords(SpinOff, ["spin-off", "spin off", "spinoff", "分拆"]),

        ForWords(Withdrawal,
            ["withdrawal of listing application", "withdrawal of the listing application", "withdrawal of application",
             "withdraw its listing application", "withdrawn", "lapse of listing application", "lapsed", "termination of the proposed listing",
             "termination of the proposed spin-off", "termination of listing", "终止审核", "终止注册", "不予注册", "撤回上市申请",
             "撤回发行上市申请", "撤回首次公开发行", "撤回申请", "申请失效", "上市申请失效", "终止发行上市", "终止上市计划", "终止分拆",
             "审核不通过", "上市委会议未通过", "未通过上市委", "withdrawal of registration statement", "withdrawal of the registration statement"],
            noneOf: ["resolution", "决议", "director", "董事", "辅导", "tutoring"]),

        // "终止对…审核的决定": the exchange ends its review of an application.
        ForWords(Withdrawal, ["终止"], alsoAnyOf: ["审核", "上市申请", "发行上市"], noneOf: ["辅导", "tutoring"]),

        ForWords(Results,
            ["results", "annual report", "interim report", "quarterly report", "业绩", "年度报告", "年报", "半年度报告", "中期报告", "季度报告",
             "一季度报告", "三季度报告"],
            noneOf: ["allotment results", "allotment result", "poll results", "voting results", "results of the general meeting",
                     "results of the global offering", "results of allotment", "配发结果", "投票结果", "表决结果", "发行结果", "中签结果",
                     "配售结果", "全球发售结果", "业绩说明会", "问询函"]),

        ForWords(TradingHalt,
            ["trading halt", "halt in trading", "halt of trading", "suspension of trading", "停牌", "短暂停止买卖", "暂停买卖"],
            noneOf: ["resumption", "复牌", "恢复买卖"]),
        ForWords(TradingResumption, ["resumption of trading", "resumption", "复牌", "恢复买卖", "resume trading"]),

        ForWords(InsideInformation, ["inside information", "内幕消息"], noneOf: ["内幕信息知情人"]),
    ];

    private static string Hkex(string code) => SourceCodes.Hkex(code);

    private static string Sec(string form) => SourceCodes.SecForm(form);
}
