using Alerts.Sources.Feeds;

namespace Alerts.Sources.Edgar;

/// <summary>
/// Polls SEC EDGAR's current-filings Atom feed (default: 8-K, newest 100). SEC blocks undeclared agents, so the options
/// must carry a <see cref="FeedSourceOptions.UserAgent"/> of the form "Company contact@company.com"; SEC also limits a
/// machine to 10 requests a second, far above this poll rate.
/// </summary>
public sealed class EdgarAtomSource : IFeedSource
{
    public const string Kind = "edgar-current";

    public static readonly Uri DefaultUrl =
        new("https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent&type=8-K&company=&dateb=&owner=include&start=0&count=100&output=atom");

    private readonly HttpClient _http;
    private readonly FeedSourceOptions _options;

    public EdgarAtomSource(HttpClient http, FeedSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options;
    }

    public string Name => _options.Name;

    /// <summary>Why the options' agent would be refused by SEC, or null when it is a declared "name email" agent.</summary>
    public static string? CheckUserAgent(string? userAgent) =>
        string.IsNullOrWhiteSpace(userAgent) || !userAgent.Contains('@', StringComparison.Ordinal) || userAgent.Contains("Mozilla", StringComparison.Ordinal)
            ? "UserAgent must declare who polls SEC EDGAR, e.g. \"Example Corp alerts@example.com\""
            : null;

    public async Task<FeedPoll> PollAsync(CancellationToken cancellationToken)
    {
        if (CheckUserAgent(_options.UserAgent) is { } problem)
        {
            return FeedPoll.Failed(Name, new FeedError(FeedErrorKind.Rejected, problem));
        }

        var request = FeedRequests.Get(_options.Url ?? DefaultUrl, _options, referer: null, "application/atom+xml, application/xml;q=0.9");
        var (response, error) = await FeedHttp.SendAsync(_http, request, cancellationToken);
        return response is null ? FeedPoll.Failed(Name, error!) : FeedPoll.From(Name, EdgarAtomParser.Parse(response.Body));
    }
}
