using Alerts.Core.Model;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Feeds;

/// <summary>
/// What every HTTP feed source shares: its client, options and clock, <see cref="Name"/>, and sending a request whose body
/// one parser reads. Only this assembly derives from it.
/// </summary>
public abstract class HttpFeedSource : IFeedSource
{
    private readonly HttpClient _http;

    private protected HttpFeedSource(HttpClient http, FeedSourceOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        _http = http;
        Options = options;
        Clock = clock;
    }

    /// <summary>The configured instance name, e.g. <c>hkex-lci-en</c>.</summary>
    public string Name => Options.Name;

    private protected FeedSourceOptions Options { get; }

    private protected TimeProvider Clock { get; }

    public abstract Task<FeedPoll> PollAsync(CancellationToken cancellationToken);

    /// <summary>Sends the request; every failure comes back classified instead of thrown (see <see cref="FeedHttp"/>).</summary>
    private protected Task<(FeedResponse? Response, FeedError? Error)> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        FeedHttp.SendAsync(_http, request, Clock, cancellationToken);

    /// <summary>Sends the request and parses a successful body into this source's poll; a failed send is a failed poll.</summary>
    private protected async Task<FeedPoll> FetchAsync(
        HttpRequestMessage request, Func<FeedResponse, ParseResult<Announcement>> parse, CancellationToken cancellationToken)
    {
        var (response, error) = await SendAsync(request, cancellationToken);
        return response is null ? FeedPoll.Failed(Name, error!) : Parse(response, parse);
    }

    /// <summary>Parses a body; one that is not text in its declared charset fails the poll, naming this source.</summary>
    private protected FeedPoll Parse(FeedResponse response, Func<FeedResponse, ParseResult<Announcement>> parse)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(parse);
        try
        {
            return FeedPoll.From(Name, parse(response));
        }
        catch (FeedEncodingException exception)
        {
            return FeedPoll.Failed(Name, FeedError.Malformed($"{Name}: {exception.Message}; nothing stored, the next poll retries"));
        }
    }
}
