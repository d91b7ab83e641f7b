using Alerts.Core.Companies;
using Alerts.Core.Model;
using Alerts.Sources.Categories;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Cninfo;

/// <summary>
/// Parses CNINFO's announcement search. Titles lose their &lt;em&gt; highlights; <c>announcementTime</c> is epoch ms shown in
/// Beijing time; the issuer's exchange follows from the code (5 digits HKEX; 6/9/5 SSE; 0/1/2/3 SZSE; 4/8/92 BSE).
/// </summary>
public static class CninfoAnnouncementParser
{
    public const string Source = "cninfo";
    public const string Language = "zh-Hans";

    public static readonly Uri DocumentHost = new("http://static.cninfo.com.cn/");

    public static ParseResult<Announcement> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        // A null list with a zero total is an empty window; a total with no rows (seen during CNINFO outages) is malformed.
        return JsonRows.ReadField(
            json, "CNINFO answer", "announcements", "totalAnnouncement", CninfoJsonContext.Default.CninfoAnnouncementRow, TryMap);
    }

    /// <summary>The exchange of a mainland or Hong Kong code as CNINFO prints it.</summary>
    public static string? ExchangeOf(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var digits = code.Trim();
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }

        if (digits.Length == 5)
        {
            return SymbolFormat.Hkex;
        }

        if (digits.Length != 6)
        {
            return null;
        }

        return digits.StartsWith("92", StringComparison.Ordinal)
            ? SymbolFormat.Bse
            : digits[0] switch
            {
                '6' or '9' or '5' => SymbolFormat.Sse,
                '0' or '1' or '2' or '3' => SymbolFormat.Szse,
                '4' or '8' => SymbolFormat.Bse,
                _ => null,
            };
    }

    private static string? TryMap(CninfoAnnouncementRow row, out Announcement? announcement)
    {
        announcement = null;
        var sourceId = row.AnnouncementId?.Trim();
        if (string.IsNullOrEmpty(sourceId))
        {
            return "missing announcementId";
        }

        var title = HtmlText.ToPlain(row.Title);
        if (title.Length == 0)
        {
            return $"announcement {sourceId}: missing announcementTitle";
        }

        if (row.Time is not > 0)
        {
            return $"announcement {sourceId}: missing announcementTime";
        }

        var code = row.SecCode?.Trim();
        IReadOnlyList<IssuerRef> issuers = !string.IsNullOrEmpty(code) && ExchangeOf(code) is { } exchange
            ? [new IssuerRef(exchange, code, row.SecName?.Trim())]
            : [];
        announcement = Announcement.Create(
            Source,
            sourceId,
            issuers,
            title,
            Language,
            AnnouncementClassifier.Classify(title),
            row.TypeName ?? string.Empty,
            Urls.Join(DocumentHost, row.AdjunctUrl),
            DateTimeOffset.FromUnixTimeMilliseconds(row.Time.Value).ToOffset(ChinaTime.Offset));
        return null;
    }
}
