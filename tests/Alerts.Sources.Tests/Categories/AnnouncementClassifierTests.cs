using Alerts.Core.Model;
using Alerts.Sources.Categories;
using static Alerts.Core.Model.AnnouncementCategory;

namespace Alerts.Sources.Tests.Categories;

public class AnnouncementClassifierTests
{
    public static TheoryData<string, string[], AnnouncementCategory[]> Titles => new()
    {
        // Listing applications
        { "Application Proof (1st submission)", [], [ListingApplication] },
        { "关于北京某某科技股份有限公司首次公开发行股票并在科创板上市申请的受理通知", [], [ListingApplication, AShareIssuance] },
        { "申請版本（第一次呈交）", [], [ListingApplication] },
        // Tutoring
        { "Completion of IPO Tutoring", [], [IpoTutoring, TutoringCompleted] },
        { "关于某某股份有限公司首次公开发行股票并上市辅导备案报告", [], [IpoTutoring, TutoringFiled] },
        { "首次公開發行上市輔導", [], [IpoTutoring] },
        // Prospectus
        { "GLOBAL OFFERING - PROSPECTUS", [], [Prospectus] },
        { "招股说明书（注册稿）", [], [Prospectus] },
        { "招股書", [], [Prospectus] },
        // Hearing and approval
        { "Post Hearing Information Pack", [], [ListingHearingOrApproval] },
        { "聆訊後資料集", [], [ListingHearingOrApproval] },
        { "上市委审议会议公告", [], [ListingHearingOrApproval] },
        { "关于同意某某公司首次公开发行股票注册的批复 注册生效", [], [RegistrationEffective] },
        { "Approval by the CSRC of the Registration of the A Share Offering", [], [AShareIssuance, RegistrationEffective] },
        { "Approval of the Shareholders at the General Meeting", [], [Other] },
        // A-share issuance
        { "Proposed Issuance of A Shares and Listing on the Sci-Tech Innovation Board of the Shanghai Stock Exchange", [], [AShareIssuance] },
        { "Voluntary Announcement - Proposed Issuance of A Shares and Listing on the STAR Market", [], [AShareIssuance] },
        { "PROPOSED A-SHARE LISTING", [], [AShareIssuance] },
        { "建議發行A股並於上海證券交易所科創板上市", [], [AShareIssuance] },
        { "关于发行Ａ股的公告", [], [AShareIssuance] },
        { "Proposed ｌｉｓｔｉｎｇ on the ＳＴＡＲ Ｍａｒｋｅｔ", [], [AShareIssuance] },
        { "Grant of A Share Award to Employees", [], [Other] },
        { "Notice to a shareholder of the Company", [], [Other] },
        // Results
        { "Announcement of Results for the Three and Six Months Ended 30 June 2026", [], [Results] },
        { "2024年報", [], [Results] },
        { "2025年年度报告", [], [Results] },
        { "2026年半年度业绩预告", [], [Results] },
        { "Allotment Results", [], [AllotmentResults] },
        { "Poll Results of the Annual General Meeting", [], [Other] },
        // Trading halt
        { "Trading Halt", [], [TradingHalt] },
        { "短暫停止買賣", [], [TradingHalt] },
        { "关于公司股票停牌的公告", [], [TradingHalt] },
        { "Resumption of Trading", [], [TradingResumption] },
        { "Listing of Notes under the Medium Term Note Programme", [], [Other] },
        { "Prospectus for Callable Bull/Bear Contracts", [], [Other] },
        { "Document", [SourceCodes.Hkex("70000")], [Other] },
        // Several at once
        { "Trading Halt pending the Publication of Annual Results", [], [Results, TradingHalt] },
        // Nothing
        { "Date of Board Meeting", [], [Other] },
        { "", [], [Other] },
    };

    public static TheoryData<string, string[], AnnouncementCategory[]> Codes => new()
    {
        { "Document", [SourceCodes.Hkex("91200")], [ListingApplication] },
        { "Document", [SourceCodes.Hkex("91000")], [ListingApplication] },
        { "Document", [SourceCodes.Hkex("91300")], [SponsorAppointment] },
        { "Document", [SourceCodes.Hkex("15100")], [AllotmentResults] },
        { "Document", [SourceCodes.HkexHeadline("內幕消息")], [InsideInformation] },
        { "Document", [SourceCodes.HkexHeadline("Inside Information")], [InsideInformation] },
        { "Document", [SourceCodes.SecForm("S-1")], [ListingApplication] },
        { "Document", [SourceCodes.SecForm("S-1/A")], [ListingApplication] },
        { "Document", [SourceCodes.SecForm("F-1")], [ListingApplication] },
        { "Document", [SourceCodes.SecForm("F-1/A")], [ListingApplication] },
        { "Document", [SourceCodes.SecForm("424B4")], [Prospectus] },
        { "Document", [SourceCodes.SecForm("424b1")], [Prospectus] },
        { "Document", [SourceCodes.SecForm("8-K")], [Other] },
        { "Document", [SourceCodes.Hkex("91100")], [ListingHearingOrApproval] },
        { "Document", [SourceCodes.Hkex("30000")], [Prospectus] },
        { "Document", [SourceCodes.Hkex("30700")], [Prospectus] },
        { "Document", [SourceCodes.Hkex("13300")], [Results] },
        { "Document", [SourceCodes.Hkex("13400")], [Results] },
        { "Document", [SourceCodes.Hkex("40100")], [Results] },
        { "Document", [SourceCodes.Hkex("40200")], [Results] },
        { "Document", [SourceCodes.Hkex("11200"), SourceCodes.Hkex("11300")], [Other] },
        { "Document", [SourceCodes.SseIpoStatus(1)], [ListingApplication] },
        { "Document", [SourceCodes.SseIpoStatus(2)], [Inquiry] },
        { "Document", [SourceCodes.SseIpoStatus(3)], [ListingHearingOrApproval] },
        { "Document", [SourceCodes.SseIpoStatus(4)], [ListingHearingOrApproval] },
        { "Document", [SourceCodes.SseIpoStatus(5)], [Other] },
        { "Document", [SourceCodes.SseIpoStatus(5), SourceCodes.SseIpoRegistration("1")], [RegistrationEffective] },
        { "Document", [SourceCodes.SseIpoStatus(5), SourceCodes.SseIpoRegistration("3")], [Withdrawal] },
        { "Document", [SourceCodes.SseIpoStatus(8)], [Withdrawal] },
        { "Document", [SourceCodes.CsrcTutoring, SourceCodes.CsrcTutoringStatus("辅导工作完成")], [IpoTutoring, TutoringCompleted] },
        { "Document", [SourceCodes.SseIpoStatus(9)], [ListingHearingOrApproval] },
        { "Document", [SourceCodes.CsrcTutoring], [IpoTutoring] },
        { "Final Results", [SourceCodes.Hkex("13300")], [Results] },
        { "Interim Results", [SourceCodes.Hkex("91200")], [ListingApplication, Results] },
    };

    [Theory]
    [MemberData(nameof(Titles))]
    [MemberData(nameof(Codes))]
    public void Classifies(string title, string[] codes, AnnouncementCategory[] expected) =>
        Assert.Equal(expected, AnnouncementClassifier.Classify(title, codes));

    [Fact]
    public void Codes_alone_decide_when_there_is_no_title() =>
        Assert.Equal([IpoTutoring], AnnouncementClassifier.Classify(null, [SourceCodes.CsrcTutoring]));

    [Fact]
    public void Every_category_is_reachable_from_the_table()
    {
        var reachable = CategoryRules.All.Select(rule => rule.Category).ToHashSet();

        Assert.All(Enum.GetValues<AnnouncementCategory>().Where(c => c != Other), c => Assert.Contains(c, reachable));
    }
}
