using Alerts.Core.Companies;
using Alerts.Core.Model;
using Alerts.Sources.Categories;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Szse;

/// <summary>
/// Parses the SZSE IPO project list (ChiNext and main board). Like the SSE list, each row is the project's current status
/// and the status is part of the id (<c>szse-ipo:1003977:已问询</c>), so each transition (受理 → 问询 → 上市委会议 → 提交注册 →
/// 注册生效 / 终止) is one event and re-reading an unchanged status is none.
/// </summary>
public static class SzseIpoProjectParser
{
    public const string Source = "szse-ipo";

    private const string TimeFormat = "yyyy-MM-dd HH:mm:ss";

    public static ParseResult<Announcement> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonRows.ReadField(json, "SZSE IPO project list", "data", "totalSize", SzseJsonContext.Default.SzseIpoProjectRow, TryMap);
    }

    /// <summary>The exchange's project page.</summary>
    public static Uri DetailPage(string projectId) =>
        new("https://listing.szse.cn/projectdynamic/ipo/detail/index.html?id=" + Uri.EscapeDataString(projectId));

    private static string? TryMap(SzseIpoProjectRow row, out Announcement? announcement)
    {
        announcement = null;
        var id = row.ProjectId?.Trim();
        if (string.IsNullOrEmpty(id))
        {
            return "missing prjid";
        }

        var company = row.Company?.Trim() ?? string.Empty;
        if (company.Length == 0)
        {
            return $"project {id}: missing cmpnm";
        }

        var status = row.Status?.Trim() ?? string.Empty;
        if (status.Length == 0)
        {
            return $"project {id}: missing prjst";
        }

        if (!ChinaTime.TryParse(row.Updated, TimeFormat, out var updated) && !ChinaTime.TryParse(row.Accepted, TimeFormat, out updated))
        {
            return $"project {id}: updtdt '{row.Updated}' is not {TimeFormat}";
        }

        var board = row.Board?.Trim() ?? string.Empty;
        announcement = Announcement.Create(
            Source,
            id + ":" + status,
            [new IssuerRef(SymbolFormat.Szse, null, company)],
            $"{company} {board}IPO: {status}",
            SzseAnnouncementParser.Language,
            AnnouncementClassifier.Classify(null, [SourceCodes.SzseIpoStatus(status)]),
            string.IsNullOrWhiteSpace(row.Sponsor) ? status : $"{status} / 保荐机构 {row.Sponsor.Trim()}",
            DetailPage(id),
            updated);
        return null;
    }
}
