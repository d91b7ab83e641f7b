namespace Alerts.Sources.Feeds;

/// <summary>
/// One configured feed: which <see cref="Kind"/> of source, its instance <see cref="Name"/>, where it polls, whether and how
/// often (a 6-field NCrontab expression, seconds first, as in Functions timer triggers). Bindable from configuration.
/// </summary>
public sealed record FeedSourceOptions
{
    /// <summary>Unique instance name, also the HttpClient name and the poll's source label, e.g. <c>hkex-lci-gem</c>.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>A kind from <see cref="FeedSourceRegistry.Kinds"/>, e.g. <c>hkex-lci</c>.</summary>
    public string Kind { get; init; } = string.Empty;

    /// <summary>The endpoint; null means the kind's public default. Loopback URLs in tests.</summary>
    public Uri? Url { get; init; }

    public bool Enabled { get; init; } = true;

    /// <summary>6-field cron (second minute hour day month weekday).</summary>
    public string Schedule { get; init; } = "0 */2 * * * *";

    /// <summary>Applied as HttpClient.Timeout by <see cref="FeedSourceServiceCollectionExtensions.AddFeedSources"/>.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Canonical symbols (<c>2513.HK</c>, <c>688256.SS</c>) for quote sources; ignored by announcement sources.</summary>
    public IReadOnlyList<string> Symbols { get; init; } = [];

    /// <summary>
    /// Least time between two requests to this source's host (shared with every source polling it); zero for none. EDGAR's
    /// default keeps SEC under its 10 requests a second.
    /// </summary>
    public TimeSpan MinInterval { get; init; }

    /// <summary>
    /// On a cold start (nothing stored for this source yet), items that occurred longer ago than this are history: read but
    /// never stored or alerted, so a first poll does not flood subscribers. A day, because date-only sources (SSE, CNINFO)
    /// stamp items at midnight: a shorter look-back would hide the rest of the first day's items from them.
    /// </summary>
    public TimeSpan LookBack { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Most pages one poll reads while paging back to what the last poll saw (a burst between two polls).</summary>
    public int MaxPages { get; init; } = 10;

    /// <summary>Overrides the browser-like User-Agent; SEC EDGAR requires a declared "Company contact@domain" agent.</summary>
    public string? UserAgent { get; init; }
}
