using System.Globalization;
using Alerts.Core.Companies;
using Alerts.Core.Model;
using Alerts.Sources.Categories;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Sse;

/// <summary>
/// Parses the SSE STAR/main-board IPO review list (<c>commonSoaQuery.do?sqlId=SH_XM_LB</c>, JSONP). Each row becomes an
/// announcement of the project's current status; the status is part of the id, so every status change is a new event while
/// re-polling the same status is not.
/// </summary>
public static class SseIpoReviewParser
{
    public const string Source = "sse-ipo";

    private const string TimeFormat = "yyyyMMddHHmmss";

    public static ParseResult<Announcement> Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var document = SseResponse.TryOpen(body, "SSE IPO review list", out var rows, out var error);
        if (document is null)
        {
            return ParseResult<Announcement>.Malformed(error!);
        }

        return JsonRows.ReadArray(rows, "result", SseJsonContext.Default.SseIpoReviewRow, TryMap);
    }

    /// <summary>The exchange's detail page for a project.</summary>
    public static Uri DetailPage(string stockAuditNum) =>
        new("https://www.sse.com.cn/listing/renewal/ipo/index_listing_detail.shtml?auditId=" + Uri.EscapeDataString(stockAuditNum));

    private static string? TryMap(SseIpoReviewRow row, out Announcement? announcement)
    {
        announcement = null;
        var auditNumber = row.AuditNumber?.Trim();
        if (string.IsNullOrEmpty(auditNumber))
        {
            return "missing stockAuditNum";
        }

        if (row.Status is not { } status)
        {
            return $"project {auditNumber}: missing currStatus";
        }

        var company = SseIpoStatus.CompanyName(row.AuditName ?? string.Empty);
        if (company.Length == 0)
        {
            return $"project {auditNumber}: missing stockAuditName";
        }

        if (!ChinaTime.TryParse(row.UpdateDate, TimeFormat, out var updated) && !ChinaTime.TryParse(row.ApplyDate, TimeFormat, out updated))
        {
            return $"project {auditNumber}: updateDate '{row.UpdateDate}' is not {TimeFormat}";
        }

        var registration = row.RegistrationResult?.Trim();
        var committee = row.CommitteeResult?.Trim();
        // Every outcome is its own event: a listing-committee verdict (通过) can arrive while the status number stays the same.
        var sourceId = auditNumber + ":" + status.ToString(CultureInfo.InvariantCulture)
            + (string.IsNullOrEmpty(registration) ? string.Empty : ":" + registration)
            + (string.IsNullOrEmpty(committee) ? string.Empty : ":" + committee);
        var statusText = SseIpoStatus.Describe(status);
        var outcome = SseIpoStatus.DescribeRegistration(registration)
            ?? (string.IsNullOrWhiteSpace(row.CommitteeResult) ? null : row.CommitteeResult.Trim());
        var title = $"{company} {SseIpoStatus.Board(row.MarketType)}IPO: {statusText}" + (outcome is null ? string.Empty : " - " + outcome);

        announcement = Announcement.Create(
            Source,
            sourceId,
            [new IssuerRef(SymbolFormat.Sse, null, company)],
            title,
            SseResponse.Language,
            // The status decides; the title always says "IPO", so title keywords would add nothing but noise.
            AnnouncementClassifier.Classify(
                null,
                string.IsNullOrEmpty(registration)
                    ? [SourceCodes.SseIpoStatus(status)]
                    : [SourceCodes.SseIpoStatus(status), SourceCodes.SseIpoRegistration(registration)]),
            statusText,
            DetailPage(auditNumber),
            updated);
        return null;
    }
}
