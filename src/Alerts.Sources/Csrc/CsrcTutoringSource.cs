using Alerts.Sources.Feeds;

namespace Alerts.Sources.Csrc;

/// <summary>
/// Polls page 1 of the CSRC tutoring list (newest disclosures first). Plain http on purpose: the site's https endpoint has
/// failed TLS handshakes in practice.
/// </summary>
public sealed class CsrcTutoringSource : IFeedSource
{
    public const string Kind = "csrc-tutoring";

    public static readonly Uri DefaultUrl = new("http://eid.csrc.gov.cn/csrcfd/index.html");

    private readonly HttpClient _http;
    private readonly FeedSourceOptions _options;

    public CsrcTutoringSource(HttpClient http, FeedSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options;
    }

    public string Name => _options.Name;

    public async Task<FeedPoll> PollAsync(CancellationToken cancellationToken)
    {
        var url = _options.Url ?? DefaultUrl;
        var request = FeedRequests.Get(url, _options, DefaultUrl.ToString(), "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
        var (response, error) = await FeedHttp.SendAsync(_http, request, cancellationToken);
        return response is null ? FeedPoll.Failed(Name, error!) : FeedPoll.From(Name, CsrcTutoringParser.Parse(response.Text()));
    }
}
