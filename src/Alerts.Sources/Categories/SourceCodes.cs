using System.Globalization;

namespace Alerts.Sources.Categories;

/// <summary>The taxonomy codes parsers hand to the classifier, namespaced by source so codes of different sources never clash.</summary>
public static class SourceCodes
{
    /// <summary>An HKEX headline code (tier 1 such as 30000 or tier 2 such as 91200).</summary>
    public static string Hkex(string headlineCode) => "hkex:" + headlineCode.Trim();

    /// <summary>An SSE IPO review status (<c>currStatus</c> of SH_XM_LB).</summary>
    public static string SseIpoStatus(int currStatus) => "sse-ipo:status:" + currStatus.ToString(CultureInfo.InvariantCulture);

    /// <summary>Every row of the CSRC tutoring (辅导) disclosure list.</summary>
    public const string CsrcTutoring = "csrc:tutoring";
}
