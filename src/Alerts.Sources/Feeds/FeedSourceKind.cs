namespace Alerts.Sources.Feeds;

/// <summary>
/// A kind of feed source: how to build one from its options, the instances configured out of the box, and an optional check
/// of kind-specific options (returning an error message, or null when fine) applied to enabled instances. Quote kinds also
/// take the symbols to poll (<see cref="CreateQuotes"/>), filer kinds the SEC CIKs (<see cref="CreateFilers"/>); built through
/// <see cref="Create"/> they poll only the options' list.
/// </summary>
public sealed record FeedSourceKind(
    string Kind,
    Func<HttpClient, FeedSourceOptions, TimeProvider, IFeedSource> Create,
    IReadOnlyList<FeedSourceOptions> Defaults,
    Func<FeedSourceOptions, string?>? Check = null,
    Func<HttpClient, FeedSourceOptions, TimeProvider, IQuoteSymbols, IFeedSource>? CreateQuotes = null,
    Func<HttpClient, FeedSourceOptions, TimeProvider, IFilerCiks, IFeedSource>? CreateFilers = null)
{
    /// <summary>A quote kind: its sources poll the symbols the host's <see cref="IQuoteSymbols"/> names on each poll.</summary>
    public static FeedSourceKind Quotes(
        string kind, Func<HttpClient, FeedSourceOptions, TimeProvider, IQuoteSymbols, IFeedSource> create, IReadOnlyList<FeedSourceOptions> defaults) =>
        new(kind, (http, options, clock) => create(http, options, clock, FixedQuoteSymbols.None), defaults, null, create);

    /// <summary>A filer kind: its sources poll the CIKs the host's <see cref="IFilerCiks"/> names on each poll.</summary>
    public static FeedSourceKind Filers(
        string kind, Func<HttpClient, FeedSourceOptions, TimeProvider, IFilerCiks, IFeedSource> create, IReadOnlyList<FeedSourceOptions> defaults,
        Func<FeedSourceOptions, string?>? check) =>
        new(kind, (http, options, clock) => create(http, options, clock, FixedFilerCiks.None), defaults, check, null, create);

    public bool IsQuotes => CreateQuotes is not null;
}
