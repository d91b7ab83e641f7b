namespace Alerts.Sources.Feeds;

/// <summary>
/// A source whose feed is paged newest first: given the cursor its last poll returned (<see cref="FeedPoll.Cursor"/>), a poll
/// reads page after page until it reaches what that poll saw, so a burst between two polls is not lost. Without a cursor (a
/// cold start) it reads the first page only.
/// </summary>
public interface IPagedFeedSource : IFeedSource
{
    Task<FeedPoll> PollAsync(string? cursor, CancellationToken cancellationToken);
}
