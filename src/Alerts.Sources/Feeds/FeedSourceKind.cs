namespace Alerts.Sources.Feeds;

/// <summary>A kind of feed source: how to build one from its options, and the instances configured out of the box.</summary>
public sealed record FeedSourceKind(
    string Kind,
    Func<HttpClient, FeedSourceOptions, TimeProvider, IFeedSource> Create,
    IReadOnlyList<FeedSourceOptions> Defaults);
