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

    /// <summary>The configured instance name, e.g. <c>hkex-lci-gem</c>.</summary>
    public string Name => Options.Name;

    private protected FeedSourceOptions Options { get; }

    private protected TimeProvider Clock { get; }

    public abstract Task<FeedPoll> PollAsync(CancellationToken cancellationToken);

    /// <summary>Sends the request; every failure comes back classified instead of thrown (see <see cref="FeedHttp"/>).</summary>
    private protected Task<(FeedResponse? Response, FeedError? Error)> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        FeedHttp.SendAsync(_http, request, Clock, cancellationToken);

    /// <summary>
    /// Sends the request and reads a successful answer with <paramref name="read"/>; a failed send is its error, and a body that
    /// is not text in its declared charset is a malformed answer naming this source (nothing of it is stored).
    /// </summary>
    private protected async Task<(T? Value, FeedError? Error)> SendAndReadAsync<T>(
        HttpRequestMessage request, Func<FeedResponse, T> read, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        var (response, error) = await SendAsync(request, cancellationToken);
        return response is null ? (null, error) : Read(response, read);
    }

    /// <summary>Sends the request and parses a successful body into this source's poll; a failed send is a failed poll.</summary>
    private protected async Task<FeedPoll> FetchAsync(
        HttpRequestMessage request, Func<FeedResponse, ParseResult<Announcement>> parse, CancellationToken cancellationToken)
    {
        var (response, error) = await SendAsync(request, cancellationToken);
        return response is null ? FeedPoll.Failed(Name, error!) : Parse(response, parse);
    }

    /// <summary>
    /// Reads pages newest first (page numbers from 1) until a page holds an item the last poll saw (its ids are
    /// <paramref name="cursor"/>), the feed's last page, a page with nothing new, or <see cref="FeedSourceOptions.MaxPages"/>.
    /// Without a cursor only page 1 is read. A page that fails after page 1 keeps what was read and the old cursor, so the
    /// next poll pages back over the gap again; items a shifting feed repeats on the next page are read once.
    /// </summary>
    private protected async Task<FeedPoll> PageAsync(
        string? cursor,
        Func<int, HttpRequestMessage> request,
        Func<FeedResponse, ParseResult<Announcement>> parse,
        Func<FeedResponse, int?> pageCount,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var known = FeedCursor.Ids(cursor);
        var events = new Dictionary<string, MarketEvent>(StringComparer.Ordinal);
        var problems = new List<FeedProblem>();
        string? next = null;
        int? pages = null;
        for (var page = 1; page <= Options.MaxPages; page++)
        {
            var (response, error) = await SendAsync(request(page), cancellationToken);
            var poll = response is null ? FeedPoll.Failed(Name, error!) : Parse(response, parse);
            if (!poll.Succeeded)
            {
                if (page == 1)
                {
                    return poll;
                }

                problems.Add(new FeedProblem($"page {page}", poll.Error + "; the next poll reads back over this gap"));
                return new FeedPoll(Name, [.. events.Values], problems, null) { Cursor = null };
            }

            if (page == 1)
            {
                pages = SafeCount(response!, pageCount);
                next = FeedCursor.Of(poll.Events);
            }

            var added = poll.Events.Count(e => events.TryAdd(e.Id, e));
            problems.AddRange(poll.Problems);
            if (known.Count == 0 || poll.Events.Any(e => known.Contains(e.Id)) || added == 0 || (pages is { } last && page >= last))
            {
                return new FeedPoll(Name, [.. events.Values], problems, null) { Cursor = next };
            }
        }

        problems.Add(new FeedProblem(
            $"page {Options.MaxPages}", $"stopped after {Options.MaxPages} pages (MaxPages) without reaching what the last poll saw: older items of this burst are not read"));
        return new FeedPoll(Name, [.. events.Values], problems, null) { Cursor = next };
    }

    private static int? SafeCount(FeedResponse response, Func<FeedResponse, int?> pageCount)
    {
        try
        {
            return pageCount(response);
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or FeedEncodingException or InvalidOperationException or KeyNotFoundException)
        {
            return null; // an unreadable count only means paging stops on the other conditions
        }
    }

    /// <summary>Parses a body; one that is not text in its declared charset fails the poll, naming this source.</summary>
    private protected FeedPoll Parse(FeedResponse response, Func<FeedResponse, ParseResult<Announcement>> parse)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(parse);
        var (parsed, error) = Read(response, parse);
        return parsed is null ? FeedPoll.Failed(Name, error!) : FeedPoll.From(Name, parsed);
    }

    /// <summary>Reads a successful answer; a body that is not text in its declared charset is a malformed answer naming this source.</summary>
    private (T? Value, FeedError? Error) Read<T>(FeedResponse response, Func<FeedResponse, T> read)
        where T : class
    {
        try
        {
            return (read(response), null);
        }
        catch (FeedEncodingException exception)
        {
            return (null, FeedError.Malformed($"{Name}: {exception.Message}; nothing stored, the next poll retries"));
        }
    }
}
