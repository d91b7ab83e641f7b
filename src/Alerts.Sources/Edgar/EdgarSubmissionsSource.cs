using Alerts.Core.Companies;
using Alerts.Sources.Feeds;

namespace Alerts.Sources.Edgar;

/// <summary>
/// Polls SEC EDGAR's submissions JSON for the CIKs of the companies users' rules watch (<see cref="IFilerCiks"/>, read on
/// every poll, so a new rule's company is polled within the catalog's cache age) plus any CIKs the options list in
/// <see cref="FeedSourceOptions.Symbols"/> ("320193", "CIK0000320193"); the configured URL is the folder,
/// <c>https://data.sec.gov/submissions/</c>. One request after another with the declared User-Agent SEC requires; the host
/// gate spaces them (<see cref="EdgarAtomSource.MinInterval"/>) to stay under SEC's 10 requests a second. Filings accepted in
/// the last <see cref="LookBack"/> are events. One CIK failing is a problem of the poll; all failing fails it; no CIK at all
/// is an empty poll that sends nothing.
/// </summary>
public sealed class EdgarSubmissionsSource(HttpClient http, FeedSourceOptions options, TimeProvider clock, IFilerCiks? ciks = null)
    : HttpFeedSource(http, options, clock)
{
    public const string Kind = "edgar-submissions";

    public static readonly Uri DefaultUrl = new("https://data.sec.gov/submissions/");

    public static readonly TimeSpan LookBack = TimeSpan.FromDays(3);

    private readonly IFilerCiks _ciks = ciks ?? FixedFilerCiks.None;

    public override async Task<FeedPoll> PollAsync(CancellationToken cancellationToken)
    {
        if (EdgarAtomSource.CheckUserAgent(Options.UserAgent) is { } problem)
        {
            return FeedPoll.Failed(Name, new FeedError(FeedErrorKind.Rejected, problem));
        }

        var since = Clock.GetUtcNow() - LookBack;
        var reads = (await CiksAsync(cancellationToken))
            .Select(cik => new FeedRead(
                FeedRequests.Get(new Uri(Options.Url ?? DefaultUrl, $"CIK{cik}.json"), Options, referer: null, "application/json"),
                "CIK" + cik,
                response => EdgarSubmissionsParser.Parse(response.Text(), since)))
            .ToList();
        return await FeedReads.ReadAllAsync(Name, reads, SendAndReadAsync, cancellationToken);
    }

    /// <summary>The CIKs this poll covers: the rules' and the options' list, ten digits each, without duplicates, in order.</summary>
    public async Task<IReadOnlyList<string>> CiksAsync(CancellationToken cancellationToken)
    {
        var watched = await _ciks.CurrentAsync(cancellationToken);
        return [.. watched.Concat(Options.Symbols).Select(Cik).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>A CIK as SEC's file names spell it: ten digits, zero-padded; null when the entry is not a CIK.</summary>
    public static string? Cik(string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return SecCik.Normalize(entry);
    }
}
