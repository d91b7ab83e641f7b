using System.Globalization;
using System.Web;
using Alerts.Sources.Feeds;

namespace Alerts.Sources.Edgar;

/// <summary>
/// Polls SEC EDGAR's current-filings Atom feed (default: 8-K, newest 100), newest first, paging back with <c>start</c> until
/// it reaches what the last poll saw (or <see cref="FeedSourceOptions.MaxPages"/>, with a problem saying so). SEC blocks
/// undeclared agents, so the options must carry a <see cref="FeedSourceOptions.UserAgent"/> of the form
/// "Company contact@company.com"; SEC also limits a machine to 10 requests a second, which <see cref="FeedHostGate"/>
/// enforces across SEC's hosts (<see cref="MinInterval"/>).
/// </summary>
public sealed class EdgarAtomSource(HttpClient http, FeedSourceOptions options, TimeProvider? clock = null)
    : HttpFeedSource(http, options, clock ?? TimeProvider.System), IPagedFeedSource
{
    public const string Kind = "edgar-current";

    /// <summary>SEC allows 10 requests a second per machine; this spacing stays well under it.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(125);

    public static readonly Uri DefaultUrl =
        new("https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent&type=8-K&company=&dateb=&owner=include&start=0&count=100&output=atom");

    /// <summary>Why the options' agent would be refused by SEC, or null when it is a declared "name email" agent.</summary>
    public static string? CheckUserAgent(string? userAgent) =>
        string.IsNullOrWhiteSpace(userAgent) || !userAgent.Contains('@', StringComparison.Ordinal) || userAgent.Contains("Mozilla", StringComparison.Ordinal)
            ? "UserAgent must declare who polls SEC EDGAR, e.g. \"Example Corp alerts@example.com\""
            : null;

    public override Task<FeedPoll> PollAsync(CancellationToken cancellationToken) => PollAsync(null, cancellationToken);

    public async Task<FeedPoll> PollAsync(string? cursor, CancellationToken cancellationToken)
    {
        if (CheckUserAgent(Options.UserAgent) is { } problem)
        {
            return FeedPoll.Failed(Name, new FeedError(FeedErrorKind.Rejected, problem));
        }

        var first = Options.Url ?? DefaultUrl;
        // SEC rounds count to 10, 20, 40, 80 or 100; start counts entries (one per party), not filings.
        var count = int.TryParse(HttpUtility.ParseQueryString(first.Query)["count"], NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c > 0 ? c : 40;
        var start = int.TryParse(HttpUtility.ParseQueryString(first.Query)["start"], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        return await PageAsync(
            cursor,
            page => FeedRequests.Get(
                page == 1 ? first : FeedRequests.WithQueryValues(first, ("start", (start + (page - 1) * count).ToString(CultureInfo.InvariantCulture))),
                Options, referer: null, "application/atom+xml, application/xml;q=0.9"),
            response => EdgarAtomParser.Parse(response.Body),
            _ => null,
            cancellationToken);
    }
}
