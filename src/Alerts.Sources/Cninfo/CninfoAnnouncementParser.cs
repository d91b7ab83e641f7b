using System.Text.Json;
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
        using var document = JsonRows.TryParseDocument(json, out var error);
        if (document is null)
        {
            return ParseResult<Announcement>.Malformed("CNINFO answer is " + error);
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("announcements", out var rows))
        {
            return ParseResult<Announcement>.Malformed("CNINFO answer has no announcements field");
        }

        var total = root.TryGetProperty("totalAnnouncement", out var count) && count.TryGetInt64(out var n) ? n : 0;
        if (rows.ValueKind == JsonValueKind.Null && total == 0)
        {
            return new ParseResult<Announcement>([], []);
        }

        if (rows.ValueKind != JsonValueKind.Array)
        {
            // Seen during CNINFO outages: a total with no rows.
            return ParseResult<Announcement>.Malformed($"CNINFO announcements is {rows.ValueKind} while totalAnnouncement is {total}");
        }

        var collected = new ParseCollector<Announcement>();
        var index = 0;
        foreach (var element in rows.EnumerateArray())
        {
            var where = $"announcements[{index++}]";
            if (!JsonRows.TryRead(element, CninfoJsonContext.Default.CninfoAnnouncementRow, out var row, out var rowError))
            {
                collected.Problem(where, rowError!);
                continue;
            }

            var problem = TryMap(row!, out var announcement);
            if (problem is null)
            {
                collected.Add(announcement!);
            }
            else
            {
                collected.Problem(where, problem);
            }
        }

        return collected.ToResult();
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
        announcement = new Announcement(
            Announcement.MakeId(Source, sourceId),
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
