using System.Globalization;
using System.Text.Json;
using Alerts.Core.Companies;
using Alerts.Core.Model;
using Alerts.Sources.Categories;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Edgar;

/// <summary>
/// Parses SEC EDGAR's per-company submissions JSON (<c>data.sec.gov/submissions/CIK##########.json</c>). The recent filings
/// are parallel arrays (one per column) that must be the same length; <c>acceptanceDateTime</c> ends in "Z" but is New York
/// wall-clock time. Ids are the accession numbers, as in the Atom feed, so a filing seen by both is one event. Filings
/// accepted before <c>since</c> are left out, so a first poll does not announce a company's whole history.
/// </summary>
public static class EdgarSubmissionsParser
{
    private static readonly string[] Columns = ["accessionNumber", "form", "filingDate", "acceptanceDateTime", "primaryDocument"];

    public static ParseResult<Announcement> Parse(string json, DateTimeOffset since)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonRows.TryParseDocument(json, out var error);
        if (document is null)
        {
            return ParseResult<Announcement>.Malformed("EDGAR submissions are " + error);
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("cik", out var cikElement)
            || !root.TryGetProperty("filings", out var filings) || filings.ValueKind != JsonValueKind.Object
            || !filings.TryGetProperty("recent", out var recent) || recent.ValueKind != JsonValueKind.Object)
        {
            return ParseResult<Announcement>.Malformed("EDGAR submissions have no cik and filings.recent");
        }

        var columns = new Dictionary<string, string?[]>(StringComparer.Ordinal);
        foreach (var field in Columns.Append("items"))
        {
            if (recent.TryGetProperty(field, out var column) && column.ValueKind == JsonValueKind.Array)
            {
                columns[field] = [.. column.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.ToString())];
            }
            else if (field != "items")
            {
                return ParseResult<Announcement>.Malformed($"EDGAR submissions have no filings.recent.{field} array");
            }
        }

        var lengths = columns.Select(c => c.Value.Length).Distinct().ToList();
        if (lengths.Count != 1)
        {
            return ParseResult<Announcement>.Malformed(
                "EDGAR submissions columns differ in length: " + string.Join(", ", columns.Select(c => $"{c.Key} {c.Value.Length}")));
        }

        var cik = (cikElement.ValueKind == JsonValueKind.Number ? cikElement.GetRawText() : cikElement.GetString() ?? string.Empty).PadLeft(10, '0');
        var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "CIK " + cik;
        var collected = new ParseCollector<Announcement>();
        for (var i = 0; i < lengths[0]; i++)
        {
            var problem = TryMap(columns, i, cik, name, out var announcement);
            if (problem is not null)
            {
                collected.Problem($"filings.recent[{i}]", problem);
            }
            else if (announcement!.PublishedAt >= since)
            {
                collected.Add(announcement);
            }
        }

        return collected.ToResult();
    }

    /// <summary>"2026-09-01T20:30:35.000Z" is 20:30:35 in New York (EDT, UTC−4 that day), whatever the Z says.</summary>
    public static bool TryParseAccepted(string? text, out DateTimeOffset accepted)
    {
        accepted = default;
        if (text is null || text.Length < 19
            || !DateTime.TryParseExact(text[..19], "yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        accepted = new DateTimeOffset(local, SymbolFormat.UsEastern.GetUtcOffset(local));
        return true;
    }

    private static string? TryMap(Dictionary<string, string?[]> columns, int i, string cik, string name, out Announcement? announcement)
    {
        announcement = null;
        var accession = columns["accessionNumber"][i]?.Trim();
        var form = columns["form"][i]?.Trim();
        if (string.IsNullOrEmpty(accession) || string.IsNullOrEmpty(form))
        {
            return "missing accessionNumber or form";
        }

        if (!TryParseAccepted(columns["acceptanceDateTime"][i], out var accepted))
        {
            return $"{accession}: acceptanceDateTime '{columns["acceptanceDateTime"][i]}' is not a timestamp";
        }

        var items = columns.TryGetValue("items", out var itemColumn) ? itemColumn[i] : null;
        var title = $"{form} - {name}" + (string.IsNullOrWhiteSpace(items) ? string.Empty : ": Items " + items.Replace(",", ", ", StringComparison.Ordinal));
        var document = columns["primaryDocument"][i];
        var folder = $"https://www.sec.gov/Archives/edgar/data/{cik.TrimStart('0')}/{accession.Replace("-", string.Empty, StringComparison.Ordinal)}/";
        announcement = Announcement.Create(
            EdgarAtomParser.Source,
            accession,
            [new IssuerRef(EdgarAtomParser.Exchange, cik, name)],
            title,
            EdgarAtomParser.Language,
            AnnouncementClassifier.Classify(title, [SourceCodes.SecForm(form)]),
            form,
            new Uri(folder + (string.IsNullOrWhiteSpace(document) ? string.Empty : Uri.EscapeDataString(document))),
            accepted);
        return null;
    }
}
