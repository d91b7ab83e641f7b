namespace Alerts.Sources.Feeds;

/// <summary>
/// One feed the scheduler polls. A poll never throws for feed trouble: HTTP failures, timeouts and unreadable bodies come
/// back as <see cref="FeedPoll.Error"/>. There is no retry inside a source; the scheduler's next tick is the retry.
/// </summary>
public interface IFeedSource
{
    /// <summary>The configured instance name, e.g. <c>hkex-lci-gem</c>.</summary>
    string Name { get; }

    Task<FeedPoll> PollAsync(CancellationToken cancellationToken);
}
