using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Alerts.Core.Companies;
using Alerts.Core.Model;
using Alerts.Sources.Categories;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Edgar;

/// <summary>
/// Parses SEC EDGAR's "current filings" Atom feed. One filing appears once per party ("8-K - NAME (CIK) (Filer)", Form 4 as
/// Issuer and as each Reporting owner); entries are merged by accession number, and only the company roles become issuers.
/// <c>&lt;updated&gt;</c> carries a correct Eastern offset. The XML declares ISO-8859-1, so it is read from bytes.
/// </summary>
public static partial class EdgarAtomParser
{
    public const string Source = "edgar";
    public const string Exchange = SecCik.Exchange;
    public const string Language = "en";

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly string[] CompanyRoles = ["Filer", "Subject", "Issuer"];

    public static ParseResult<Announcement> Parse(ReadOnlySpan<byte> xml)
    {
        XDocument document;
        try
        {
            using var stream = new MemoryStream(xml.ToArray());
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            return ParseResult<Announcement>.Malformed("EDGAR feed is not valid XML: " + ex.Message);
        }

        if (document.Root?.Name != Atom + "feed")
        {
            return ParseResult<Announcement>.Malformed("EDGAR feed is not an Atom feed");
        }

        var collected = new ParseCollector<Announcement>();
        var filings = new List<(string Accession, List<EdgarEntry> Entries)>();
        var index = 0;
        foreach (var element in document.Root.Elements(Atom + "entry"))
        {
            var where = $"entry[{index++}]";
            var problem = EdgarEntry.TryRead(element, out var entry);
            if (problem is not null)
            {
                collected.Problem(where, problem);
                continue;
            }

            var filing = filings.FindIndex(f => f.Accession == entry!.Accession);
            if (filing < 0)
            {
                filings.Add((entry!.Accession, [entry]));
            }
            else
            {
                filings[filing].Entries.Add(entry!);
            }
        }

        foreach (var (accession, entries) in filings)
        {
            collected.Add(ToAnnouncement(accession, entries));
        }

        return collected.ToResult();
    }

    private static Announcement ToAnnouncement(string accession, List<EdgarEntry> entries)
    {
        var companies = entries.Where(e => CompanyRoles.Contains(e.Role, StringComparer.OrdinalIgnoreCase)).ToList();
        var named = companies.Count > 0 ? companies : entries;
        var first = named[0];
        var items = entries.SelectMany(e => e.Items).Distinct().ToList();
        var title = $"{first.Form} - {first.Name}" + (items.Count > 0 ? ": " + string.Join("; ", items) : string.Empty);
        return Announcement.Create(
            Source,
            accession,
            [.. named.Select(e => new IssuerRef(Exchange, e.Cik, e.Name)).Distinct()],
            title,
            Language,
            AnnouncementClassifier.Classify(title, [SourceCodes.SecForm(first.Form)]),
            first.Form,
            first.Link,
            entries.Min(e => e.Updated));
    }

    private sealed record EdgarEntry(string Accession, string Form, string Name, string Cik, string Role, Uri? Link, DateTimeOffset Updated, IReadOnlyList<string> Items)
    {
        public static string? TryRead(XElement entry, out EdgarEntry? value)
        {
            value = null;
            var rawTitle = entry.Element(Atom + "title")?.Value.Trim() ?? string.Empty;
            var title = TitleShape().Match(rawTitle);
            if (!title.Success)
            {
                return $"title '{rawTitle}' is not 'FORM - NAME (CIK) (Role)'";
            }

            var id = entry.Element(Atom + "id")?.Value ?? string.Empty;
            var marker = id.IndexOf("accession-number=", StringComparison.Ordinal);
            if (marker < 0)
            {
                return $"id '{id}' has no accession number";
            }

            if (!DateTimeOffset.TryParse(entry.Element(Atom + "updated")?.Value, System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.None, out var updated))
            {
                return $"{rawTitle}: updated is not a timestamp";
            }

            var href = entry.Elements(Atom + "link").Select(l => l.Attribute("href")?.Value).FirstOrDefault(h => h is not null);
            var form = entry.Element(Atom + "category")?.Attribute("term")?.Value ?? title.Groups["form"].Value;
            // The summary is HTML: "<b>Filed:</b> … <br>Item 2.02: Results of Operations…<br>Item 9.01: …".
            var items = HtmlText.SplitOnBreaks(entry.Element(Atom + "summary")?.Value)
                .Where(part => part.StartsWith("Item ", StringComparison.Ordinal))
                .ToList();
            value = new EdgarEntry(
                id[(marker + "accession-number=".Length)..].Trim(),
                form.Trim(),
                title.Groups["name"].Value.Trim(),
                title.Groups["cik"].Value,
                title.Groups["role"].Value,
                href is null ? null : Urls.Join(new Uri("https://www.sec.gov"), href),
                updated,
                items);
            return null;
        }
    }

    [GeneratedRegex(@"^(?<form>.+?) - (?<name>.+) \((?<cik>\d{10})\) \((?<role>[^)]+)\)$")]
    private static partial Regex TitleShape();
}
