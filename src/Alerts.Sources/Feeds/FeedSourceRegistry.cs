using Alerts.Sources.Cninfo;
using Alerts.Sources.Csrc;
using Alerts.Sources.Edgar;
using Alerts.Sources.Hkex;
using Alerts.Sources.Sse;
using Alerts.Sources.Szse;
using Alerts.Sources.Sina;
using Alerts.Sources.Tencent;
using Alerts.Sources.Yahoo;

namespace Alerts.Sources.Feeds;

/// <summary>
/// Every feed source this service knows, in one list: adding a source is one entry here. Default schedules follow each
/// site's politeness (feeds.md §8). Off by default: the HKEX title search and CNINFO, which repeat documents the LCI feed
/// and the exchanges already deliver under other ids, EDGAR (feed and submissions), which needs a declared User-Agent (the
/// submissions source polls the CIKs of the companies the rules watch), and the Sina and Yahoo quote sources, which quote the same symbols as Tencent
/// (each vendor's ticks are separate events: enable one as a fallback).
/// </summary>
public static class FeedSourceRegistry
{
    public static IReadOnlyList<FeedSourceKind> Kinds { get; } =
    [
        new(HkexLciSource.Kind, (http, options, clock) => new HkexLciSource(http, options, clock),
        [
            // Each instance reads both languages of its board and pairs them into one announcement per document.
            Default("hkex-lci", HkexLciSource.Kind, HkexLciSource.EnglishUrl, "0 */2 * * * *"),
            Default("hkex-lci-gem", HkexLciSource.Kind, HkexLciSource.GemEnglishUrl, "30 */2 * * * *"),
        ]),
        new(HkexTitleSearchSource.Kind, (http, options, clock) => new HkexTitleSearchSource(http, options, clock),
        [
            Default("hkex-title-search", HkexTitleSearchSource.Kind, HkexTitleSearchSource.DefaultUrl, "0 */15 * * * *") with { Enabled = false },
        ]),
        new(HkexAppSource.Kind, (http, options, clock) => new HkexAppSource(http, options, clock),
        [
            Default("hkex-app", HkexAppSource.Kind, HkexAppSource.DefaultUrl, "10 */10 * * * *"),
            Default("hkex-app-gem", HkexAppSource.Kind, HkexAppSource.GemUrl, "40 */10 * * * *"),
        ]),
        new(SseBulletinSource.Kind, (http, options, clock) => new SseBulletinSource(http, options, clock),
        [
            Default("sse-bulletins", SseBulletinSource.Kind, SseBulletinSource.DefaultUrl, "15 */3 * * * *"),
        ]),
        new(SseIpoReviewSource.Kind, (http, options, clock) => new SseIpoReviewSource(http, options, clock),
        [
            Default("sse-ipo", SseIpoReviewSource.Kind, SseIpoReviewSource.DefaultUrl, "45 */10 * * * *"),
        ]),
        new(SzseAnnouncementSource.Kind, (http, options, clock) => new SzseAnnouncementSource(http, options, clock),
        [
            Default("szse-announcements", SzseAnnouncementSource.Kind, SzseAnnouncementSource.DefaultUrl, "20 */3 * * * *"),
        ]),
        new(SzseIpoProjectSource.Kind, (http, options, clock) => new SzseIpoProjectSource(http, options, clock),
        [
            Default("szse-ipo", SzseIpoProjectSource.Kind, SzseIpoProjectSource.DefaultUrl, "50 */10 * * * *"),
        ]),
        new(CninfoAnnouncementSource.Kind, (http, options, clock) => new CninfoAnnouncementSource(http, options, clock),
        [
            Default("cninfo-announcements", CninfoAnnouncementSource.Kind, CninfoAnnouncementSource.DefaultUrl, "40 */5 * * * *") with { Enabled = false },
        ]),
        new(CsrcTutoringSource.Kind, (http, options, clock) => new CsrcTutoringSource(http, options, clock),
        [
            Default("csrc-tutoring", CsrcTutoringSource.Kind, CsrcTutoringSource.DefaultUrl, "0 7,37 * * * *"),
        ]),
        FeedSourceKind.Quotes(TencentQuoteSource.Kind, (http, options, clock, symbols) => new TencentQuoteSource(http, options, clock, symbols),
        [
            Default("tencent-quotes", TencentQuoteSource.Kind, TencentQuoteSource.DefaultUrl, "*/10 * * * * *") with { Timeout = TimeSpan.FromSeconds(8) },
        ]),
        FeedSourceKind.Quotes(SinaQuoteSource.Kind, (http, options, clock, symbols) => new SinaQuoteSource(http, options, clock, symbols),
        [
            Default("sina-quotes", SinaQuoteSource.Kind, SinaQuoteSource.DefaultUrl, "5/10 * * * * *") with { Timeout = TimeSpan.FromSeconds(8), Enabled = false },
        ]),
        FeedSourceKind.Quotes(YahooChartSource.Kind, (http, options, clock, symbols) => new YahooChartSource(http, options, clock, symbols),
        [
            Default("yahoo-quotes", YahooChartSource.Kind, YahooChartSource.DefaultUrl, "0 * * * * *") with { Timeout = TimeSpan.FromSeconds(10), Enabled = false },
        ]),
        new(EdgarAtomSource.Kind, (http, options, clock) => new EdgarAtomSource(http, options, clock),
        [
            Default("edgar-8k", EdgarAtomSource.Kind, EdgarAtomSource.DefaultUrl, "0 * * * * *") with { Enabled = false, MinInterval = EdgarAtomSource.MinInterval },
        ],
        options => EdgarAtomSource.CheckUserAgent(options.UserAgent)),
        FeedSourceKind.Filers(EdgarSubmissionsSource.Kind, (http, options, clock, ciks) => new EdgarSubmissionsSource(http, options, clock, ciks),
        [
            Default("edgar-submissions", EdgarSubmissionsSource.Kind, EdgarSubmissionsSource.DefaultUrl, "20 */5 * * * *") with { Enabled = false, MinInterval = EdgarAtomSource.MinInterval },
        ],
        options => EdgarAtomSource.CheckUserAgent(options.UserAgent)),
    ];

    /// <summary>
    /// The spacing a source's requests get: its own <see cref="FeedSourceOptions.MinInterval"/>, but never less than SEC's for
    /// the EDGAR kinds, so an instance added under a new name stays under SEC's 10 requests a second too.
    /// </summary>
    public static TimeSpan MinIntervalOf(FeedSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sec = string.Equals(options.Kind, EdgarAtomSource.Kind, StringComparison.OrdinalIgnoreCase)
            || string.Equals(options.Kind, EdgarSubmissionsSource.Kind, StringComparison.OrdinalIgnoreCase);
        return sec && options.MinInterval < EdgarAtomSource.MinInterval ? EdgarAtomSource.MinInterval : options.MinInterval;
    }

    /// <summary>The out-of-the-box instances of every kind, with the real public URLs.</summary>
    public static IReadOnlyList<FeedSourceOptions> Defaults => [.. Kinds.SelectMany(kind => kind.Defaults)];

    public static FeedSourceKind? FindKind(string kind) =>
        Kinds.FirstOrDefault(k => string.Equals(k.Kind, kind, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Builds the source the options describe; throws <see cref="ArgumentException"/> naming the bad field. Quote sources poll
    /// what <paramref name="symbols"/> names on each poll (plus the options' own list), filer sources what <paramref name="ciks"/> names.
    /// </summary>
    public static IFeedSource Create(
        FeedSourceOptions options, HttpClient http, TimeProvider clock, IQuoteSymbols? symbols = null, IFilerCiks? ciks = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Validate(options);
        if (errors.Count > 0)
        {
            throw new ArgumentException($"Feed source '{options.Name}': {string.Join("; ", errors)}", nameof(options));
        }

        var kind = FindKind(options.Kind)!;
        return kind.CreateQuotes is { } quotes ? quotes(http, options, clock, symbols ?? FixedQuoteSymbols.None)
            : kind.CreateFilers is { } filers ? filers(http, options, clock, ciks ?? FixedFilerCiks.None)
            : kind.Create(http, options, clock);
    }

    /// <summary>Every problem with the options, each naming its field; empty when they are usable.</summary>
    public static IReadOnlyList<string> Validate(FeedSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Name))
        {
            errors.Add("Name is required");
        }

        var kind = FindKind(options.Kind);
        if (kind is null)
        {
            errors.Add($"Kind '{options.Kind}' is unknown (known: {string.Join(", ", Kinds.Select(k => k.Kind))})");
        }
        else if (options.Enabled && kind.Check?.Invoke(options) is { } kindError)
        {
            errors.Add(kindError);
        }

        if (options.Url is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add($"Url '{url}' must be an absolute http(s) URL");
        }

        if (options.Schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 6)
        {
            errors.Add($"Schedule '{options.Schedule}' must be a 6-field cron expression (second minute hour day month weekday)");
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            errors.Add("Timeout must be positive");
        }

        if (options.MinInterval < TimeSpan.Zero || options.LookBack < TimeSpan.Zero)
        {
            errors.Add("MinInterval and LookBack must not be negative");
        }

        if (options.MaxPages < 1)
        {
            errors.Add("MaxPages must be at least 1");
        }

        return errors;
    }

    private static FeedSourceOptions Default(string name, string kind, Uri url, string schedule) =>
        new() { Name = name, Kind = kind, Url = url, Schedule = schedule };
}
