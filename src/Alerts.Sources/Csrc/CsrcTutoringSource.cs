using Alerts.Sources.Feeds;

namespace Alerts.Sources.Csrc;

/// <summary>
/// Polls page 1 of the CSRC tutoring list (newest disclosures first). Plain http on purpose: the site's https endpoint has
/// failed TLS handshakes in practice.
/// </summary>
public sealed class CsrcTutoringSource(HttpClient http, FeedSourceOptions options, TimeProvider? clock = null)
    : HttpFeedSource(http, options, clock ?? TimeProvider.System)
{
    public const string Kind = "csrc-tutoring";

    public static readonly Uri DefaultUrl = new("http://eid.csrc.gov.cn/csrcfd/index.html");

    public override async Task<FeedPoll> PollAsync(CancellationToken cancellationToken)
    {
        var url = Options.Url ?? DefaultUrl;
        var request = FeedRequests.Get(url, Options, DefaultUrl.ToString(), "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
        return await FetchAsync(request, response => CsrcTutoringParser.Parse(response.Text()), cancellationToken);
    }
}
