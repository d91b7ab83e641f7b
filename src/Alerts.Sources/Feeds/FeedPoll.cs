using Alerts.Core.Model;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Feeds;

/// <summary>
/// The outcome of one poll: the events read, a problem per skipped row, and <see cref="Error"/> when the poll as a whole
/// failed (then there are no events).
/// </summary>
public sealed record FeedPoll(string Source, IReadOnlyList<MarketEvent> Events, IReadOnlyList<FeedProblem> Problems, FeedError? Error)
{
    public bool Succeeded => Error is null;

    /// <summary>For a paged source, what the next poll pages back to (the newest ids this poll saw); null when unchanged.</summary>
    public string? Cursor { get; init; }

    public static FeedPoll Failed(string source, FeedError error) => new(source, [], [], error);

    public static FeedPoll From(string source, ParseResult<Announcement> parsed) => From(source, parsed, MarketEvent.Of);

    public static FeedPoll From(string source, ParseResult<PriceTick> parsed) => From(source, parsed, MarketEvent.Of);

    private static FeedPoll From<T>(string source, ParseResult<T> parsed, Func<T, MarketEvent> toEvent)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        return parsed.IsMalformed
            ? Failed(source, FeedError.Malformed(parsed.Error!))
            : new FeedPoll(source, [.. parsed.Items.Select(toEvent)], parsed.Problems, null);
    }
}
