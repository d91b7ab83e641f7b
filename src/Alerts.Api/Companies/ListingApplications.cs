using Alerts.Core.Model;
using Alerts.Storage.Repositories;

namespace Alerts.Api.Companies;

/// <summary>A company's listing application on one exchange as the IPO pipelines last reported it.</summary>
public sealed record ListingApplication(string Exchange, string? Board, string Status, DateTimeOffset Date, string Source, Uri? SourceUrl);

/// <summary>
/// The read model behind "is there an application?": the latest status per company and exchange, derived from the stored
/// events of the IPO-pipeline sources whose issuer resolves to the company the way rules resolve it (exchange code, then
/// legal or issuer name). Computed when asked, from the events themselves, so whatever the pollers (or a push) stored shows.
/// </summary>
public sealed class ListingApplications(ISourceEventReader events)
{
    /// <summary>
    /// The IPO-pipeline sources: the <c>Source</c> of SseIpoReviewParser, SzseIpoProjectParser, CsrcTutoringParser and
    /// HkexAppParser (a test holds these names to the parsers').
    /// </summary>
    public static IReadOnlyList<string> PipelineSources { get; } = ["sse-ipo", "szse-ipo", "csrc", "hkex-app"];

    /// <summary>The latest application status per exchange of each of <paramref name="companies"/>; companies with none are absent.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<ListingApplication>>> ForAsync(
        IReadOnlyCollection<Company> companies, CompanyResolver resolver, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(companies);
        ArgumentNullException.ThrowIfNull(resolver);
        if (companies.Count == 0)
        {
            return new Dictionary<string, IReadOnlyList<ListingApplication>>();
        }

        var wanted = companies.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var latest = new Dictionary<(string Company, string Exchange), (Announcement Event, IssuerRef Issuer)>();
        foreach (var source in PipelineSources)
        {
            await foreach (var announcement in events.AnnouncementsAsync(source, cancellationToken))
            {
                foreach (var issuer in announcement.Issuers)
                {
                    if (resolver.ResolveIssuer(issuer) is not { } company || !wanted.Contains(company.Id))
                    {
                        continue;
                    }

                    var key = (company.Id, issuer.Exchange.ToUpperInvariant());
                    if (!latest.TryGetValue(key, out var seen) || IsLater(announcement, seen.Event))
                    {
                        latest[key] = (announcement, issuer);
                    }
                }
            }
        }

        return latest
            .GroupBy(p => p.Key.Company, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<ListingApplication>)[.. g.Select(p => Describe(p.Key.Exchange, p.Value.Event, p.Value.Issuer)).OrderByDescending(a => a.Date)],
                StringComparer.Ordinal);
    }

    private static bool IsLater(Announcement candidate, Announcement seen) =>
        candidate.PublishedAt > seen.PublishedAt
        || (candidate.PublishedAt == seen.PublishedAt && string.CompareOrdinal(candidate.Id, seen.Id) > 0);

    /// <summary>
    /// The board and status in the exchange's words. The exchanges' review lists title an event "{issuer} {board}IPO: {status}",
    /// HKEX's pipeline "{applicant}: {document or status}"; CSRC tutoring keeps "{status} / {report type}" as its raw category.
    /// </summary>
    private static ListingApplication Describe(string exchange, Announcement announcement, IssuerRef issuer)
    {
        string? board = null;
        string status;
        var title = announcement.Title;
        var ipo = title.LastIndexOf("IPO: ", StringComparison.Ordinal);
        var colon = title.IndexOf(": ", StringComparison.Ordinal);
        if (ipo >= 0)
        {
            var before = title[..ipo];
            if (issuer.Name is { Length: > 0 } name && before.StartsWith(name, StringComparison.Ordinal))
            {
                before = before[name.Length..];
            }

            board = before.Trim() is { Length: > 0 } named ? named : null;
            status = title[(ipo + "IPO: ".Length)..].Trim();
        }
        else if (announcement.Source == "csrc")
        {
            status = announcement.RawCategory.Split(" / ")[0].Trim();
        }
        else if (colon >= 0)
        {
            status = title[(colon + 2)..].Trim();
        }
        else
        {
            status = announcement.RawCategory;
        }

        return new ListingApplication(exchange, board, status.Length > 0 ? status : announcement.RawCategory, announcement.PublishedAt, announcement.Source, announcement.Url);
    }
}
