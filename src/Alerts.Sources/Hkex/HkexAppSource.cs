using Alerts.Core.Model;
using Alerts.Sources.Feeds;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Hkex;

/// <summary>
/// Polls the HKEX IPO pipeline of one board: the active Application Proof list (<c>appactive_app_sehk_e.json</c>, the
/// configured URL), the PHIP list beside it (since 2026 PHIP applicants are in a file of their own), and the inactive and
/// listed lists. Documents dated within <see cref="DocumentLookBack"/> are events under their application id and path.
/// The status lists carry no status date, so the first read of each after start-up is the baseline (no events) and every
/// application that appears in one later is an event: lapsed, withdrawn, rejected, returned or listed.
/// </summary>
public sealed class HkexAppSource(HttpClient http, FeedSourceOptions options, TimeProvider clock)
    : HttpFeedSource(http, options, clock)
{
    public const string Kind = "hkex-app";
    public const string Referer = "https://www1.hkexnews.hk/app/appindex.html?lang=en";

    public static readonly Uri DefaultUrl = new("https://www1.hkexnews.hk/ncms/json/eds/appactive_app_sehk_e.json");
    public static readonly Uri GemUrl = new("https://www1.hkexnews.hk/ncms/json/eds/appactive_app_gem_e.json");

    /// <summary>How far back a document may be dated and still be announced (the lists are dated by day).</summary>
    public static readonly TimeSpan DocumentLookBack = TimeSpan.FromDays(3);

    private readonly Dictionary<string, HashSet<string>> _baselines = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public override async Task<FeedPoll> PollAsync(CancellationToken cancellationToken)
    {
        var active = Options.Url ?? DefaultUrl;
        var since = new DateTimeOffset(Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Date, TimeSpan.FromHours(8)) - DocumentLookBack;
        var now = Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8));
        var reads = new (Uri Url, Func<string, ParseResult<Announcement>> Parse)[]
        {
            (active, json => HkexAppParser.ParseDocuments(json, since)),
            (Sibling(active, "appactive_appphip_"), json => HkexAppParser.ParseDocuments(json, since)),
            (Sibling(active, "appinactive_"), json => Changed("inactive", HkexAppParser.ParseStatuses(json, null, now))),
            (Sibling(active, "applisted_"), json => Changed("listed", HkexAppParser.ParseStatuses(json, "LISTED", now))),
        };
        return await FeedReads.ReadAllAsync(
            Name,
            [.. reads.Select(read => new FeedRead(
                FeedRequests.Get(read.Url, Options, Referer, "application/json, */*"), read.Url.Segments[^1], response => read.Parse(response.Text())))],
            SendAsync,
            cancellationToken);
    }

    /// <summary>The file beside the active list: <c>appactive_app_sehk_e.json</c> → <c>appinactive_sehk_e.json</c>.</summary>
    public static Uri Sibling(Uri active, string prefix)
    {
        ArgumentNullException.ThrowIfNull(active);
        var builder = new UriBuilder(active);
        var slash = builder.Path.LastIndexOf('/') + 1;
        var file = builder.Path[slash..];
        var rest = file.StartsWith("appactive_app_", StringComparison.OrdinalIgnoreCase) ? file["appactive_app_".Length..] : file;
        builder.Path = builder.Path[..slash] + prefix + rest;
        return builder.Uri;
    }

    /// <summary>The applications new to a status list since the last read; none on the first read (the baseline).</summary>
    private ParseResult<Announcement> Changed(string list, ParseResult<Announcement> parsed)
    {
        if (parsed.IsMalformed)
        {
            return parsed;
        }

        lock (_lock)
        {
            var first = !_baselines.TryGetValue(list, out var known);
            known ??= _baselines[list] = new HashSet<string>(StringComparer.Ordinal);
            var fresh = parsed.Items.Where(a => known.Add(a.Id)).ToList();
            return parsed with { Items = first ? [] : fresh };
        }
    }
}
