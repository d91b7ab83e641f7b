namespace Alerts.Sources.Feeds;

/// <summary>
/// A kind of feed source: how to build one from its options, the instances configured out of the box, and an optional check
/// of kind-specific options (returning an error message, or null when fine) applied to enabled instances.
/// </summary>
public sealed record FeedSourceKind(
    string Kind,
    Func<HttpClient, FeedSourceOptions, TimeProvider, IFeedSource> Create,
    IReadOnlyList<FeedSourceOptions> Defaults,
    Func<FeedSourceOptions, string?>? Check = null);
