using System.Globalization;
using Alerts.Core.Text;

namespace Alerts.Sources.Categories;

/// <summary>The taxonomy codes parsers hand to the classifier, namespaced by source so codes of different sources never clash.</summary>
public static class SourceCodes
{
    /// <summary>An HKEX headline code (tier 1 such as 30000 or tier 2 such as 91200).</summary>
    public static string Hkex(string headlineCode) => "hkex:" + headlineCode.Trim();

    /// <summary>
    /// An HKEX tier-2 headline by the exchange's own name, as the LCI feed prints it in <c>lTxt</c> ("Inside Information",
    /// "內幕消息"): for the headlines whose numeric code is not verified here.
    /// </summary>
    public static string HkexHeadline(string name) => "hkex-headline:" + TextNormalizer.Fold(name);

    /// <summary>An SSE IPO review status (<c>currStatus</c> of SH_XM_LB).</summary>
    public static string SseIpoStatus(int currStatus) => "sse-ipo:status:" + currStatus.ToString(CultureInfo.InvariantCulture);

    /// <summary>An SSE IPO registration result (<c>registeResult</c>: 1 effective, 3 refused or terminated).</summary>
    public static string SseIpoRegistration(string registeResult) => "sse-ipo:registration:" + registeResult.Trim();

    /// <summary>An SZSE IPO project status in the exchange's words (<c>prjst</c>: 已受理, 已问询, 注册生效, 终止…).</summary>
    public static string SzseIpoStatus(string status) => "szse-ipo:status:" + status.Trim();

    /// <summary>Every row of the CSRC tutoring (辅导) disclosure list.</summary>
    public const string CsrcTutoring = "csrc:tutoring";

    /// <summary>A CSRC tutoring status (辅导状态: 辅导备案, 辅导验收, 辅导工作完成, 终止辅导…).</summary>
    public static string CsrcTutoringStatus(string status) => "csrc:tutoring:" + status.Trim();

    /// <summary>An SEC form type (S-1, F-1/A, 424B4, EFFECT, RW).</summary>
    public static string SecForm(string form) => "sec:form:" + form.Trim().ToUpperInvariant();

    /// <summary>An HKEX IPO pipeline event (new-filing, phip, listed, lapsed, withdrawn, returned, rejected).</summary>
    public static string HkexPipeline(string what) => "hkex-app:" + what;
}
