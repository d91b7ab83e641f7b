using System.Globalization;
using System.Text.Json;
using Alerts.Core.Companies;
using Alerts.Core.Model;
using Alerts.Sources.Categories;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Hkex;

/// <summary>
/// Parses the HKEX IPO pipeline lists (Application Proofs and PHIPs, Main Board and GEM). The lists are full snapshots; the
/// diff against the previous snapshot is done by the ids, which the event store keeps (insert-if-absent): a document is an
/// event under its application id and path (<c>hkex-app:107796:sehk/2025/107796/documents/…_c.pdf</c>), so a new filing or a
/// PHIP posted is new and a re-read snapshot adds nothing; a status (lapsed, withdrawn, rejected, returned, listed) is an event
/// under the application id and the status. Documents older than <c>since</c> are left out, so a first poll does not
/// announce the whole list.
/// </summary>
public static class HkexAppParser
{
    public const string Source = "hkex-app";

    private const string DateFormat = "dd/MM/yyyy";

    /// <summary>Documents of active applications: new filings (Application Proofs), PHIPs and OC announcements.</summary>
    public static ParseResult<Announcement> ParseDocuments(string json, DateTimeOffset since)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonRows.TryParseDocument(json, out var error);
        if (document is null)
        {
            return ParseResult<Announcement>.Malformed("HKEX application list is " + error);
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("app", out var rows) || rows.ValueKind != JsonValueKind.Array)
        {
            return ParseResult<Announcement>.Malformed("HKEX application list has no app array");
        }

        var collected = new ParseCollector<Announcement>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in rows.EnumerateArray())
        {
            var where = $"app[{index++}]";
            if (!JsonRows.TryRead(element, HkexJsonContext.Default.HkexAppRow, out var row, out var problem) || (problem = Check(row!)) is not null)
            {
                collected.Problem(where, problem!);
                continue;
            }

            foreach (var announcement in (row!.Latest ?? []).Concat(row.Previous ?? []).Select(d => Document(row, d)).OfType<Announcement>())
            {
                if (announcement.PublishedAt >= since && seen.Add(announcement.Id))
                {
                    collected.Add(announcement);
                }
            }
        }

        return collected.ToResult();
    }

    /// <summary>Every application in a status list (inactive or listed) as an event of that status, dated <paramref name="asOf"/>.</summary>
    public static ParseResult<Announcement> ParseStatuses(string json, string? listedStatus, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonRows.ReadField(json, "HKEX application list", "app", null, HkexJsonContext.Default.HkexAppRow,
            (HkexAppRow row, out Announcement? announcement) =>
            {
                announcement = null;
                if (Check(row) is { } problem)
                {
                    return problem;
                }

                var status = listedStatus ?? row.Status?.Trim().ToUpperInvariant() ?? string.Empty;
                if (Describe(status) is not var (what, words))
                {
                    return $"application {row.Id}: status '{row.Status}' is not LP, W, RJ or RT";
                }

                announcement = Create(row, row.Id + ":" + status, $"{row.Applicant!.Trim()}: {words}", what, null, asOf);
                return null;
            });
    }

    private static string? Check(HkexAppRow row) =>
        string.IsNullOrWhiteSpace(row.Id) ? "missing id"
        : string.IsNullOrWhiteSpace(row.Applicant) ? $"application {row.Id}: missing applicant"
        : null;

    private static Announcement? Document(HkexAppRow row, HkexAppDocument document)
    {
        var path = document.Path?.Trim();
        var name = (string.IsNullOrWhiteSpace(document.Form) ? document.Name : document.Form)?.Trim();
        if (string.IsNullOrEmpty(path) || string.IsNullOrEmpty(name) || Kind(name) is not { } what
            || !DateTime.TryParseExact(document.Date, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return null;
        }

        var published = new DateTimeOffset(date, TimeSpan.FromHours(8));
        return Create(row, row.Id + ":" + path, $"{row.Applicant!.Trim()}: {name}", what, Urls.Join(DocumentHost, path), published);
    }

    private static Announcement Create(HkexAppRow row, string sourceId, string title, string what, Uri? url, DateTimeOffset published) =>
        Announcement.Create(
            Source,
            sourceId.Trim(),
            [new IssuerRef(SymbolFormat.Hkex, null, row.Applicant!.Trim())],
            title,
            title.Any(c => c is >= '\u4e00' and <= '\u9fff') ? HkexNews.TraditionalChinese : HkexNews.English,
            AnnouncementClassifier.Classify(null, [SourceCodes.HkexPipeline(what)]),
            what,
            url,
            published);

    /// <summary>What a pipeline document is, from its form name in either language; null for documents that are no milestone.</summary>
    private static string? Kind(string name) =>
        Has(name, "Post Hearing Information Pack", "PHIP", "聆訊後資料集", "聆讯后资料集") ? "phip"
        : Has(name, "Application Proof", "申請版本", "申请版本") ? "new-filing"
        : Has(name, "OC Announcement", "整體協調人公告", "整体协调人公告") ? "oc"
        : null;

    private static (string What, string Words)? Describe(string status) => status switch
    {
        "LP" => ("lapsed", "application lapsed"),
        "W" => ("withdrawn", "application withdrawn"),
        "RJ" => ("rejected", "application rejected"),
        "RT" => ("returned", "application returned"),
        "LISTED" => ("listed", "listed"),
        _ => null,
    };

    private static bool Has(string text, params string[] words) => words.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));

    private static readonly Uri DocumentHost = new("https://www1.hkexnews.hk/app/");
}
