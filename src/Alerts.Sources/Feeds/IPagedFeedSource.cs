namespace Alerts.Sources.Feeds;

/// <summary>
/// A source that carries state from poll to poll in its stored cursor (<see cref="FeedPoll.Cursor"/>, kept in the source status so
/// it survives restarts). Mostly feeds paged newest first: given the cursor its last poll returned, a poll
/// reads page after page until it reaches what that poll saw, so a burst between two polls is not lost. Without a cursor (a
/// cold start) it reads the first page only. The HKEX IPO pipeline keeps its snapshot baseline there instead.
/// </summary>
public interface IPagedFeedSource : IFeedSource
{
    Task<FeedPoll> PollAsync(string? cursor, CancellationToken cancellationToken);
}
