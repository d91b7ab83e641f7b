using Alerts.Core.Model;
using Alerts.Sources.Feeds;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Hkex;

/// <summary>
/// Polls the HKEX IPO pipeline of one board: the active Application Proof list (<c>appactive_app_sehk_e.json</c>, the
/// configured URL), the PHIP list beside it (since 2026 PHIP applicants are in a file of their own), and the inactive and
/// listed lists. Each list is a full snapshot, diffed against the previous poll's (<see cref="HkexAppBaseline"/>, kept in the
/// source's stored status as its cursor, so the diff survives a restart): an application whose documents changed gives its
/// documents dated within <see cref="DocumentLookBack"/> as events (under application id and path, so one already stored is
/// not announced again); an application new to a status list, or whose status there changed, is an event (lapsed,
/// withdrawn, rejected, returned or listed). A list never read before sets its baseline: its documents within the look-back
/// are events, its statuses are not (they carry no date, so they would all look new). A list that cannot be read keeps
/// its baseline.
/// </summary>
public sealed class HkexAppSource(HttpClient http, FeedSourceOptions options, TimeProvider clock)
    : HttpFeedSource(http, options, clock), IPagedFeedSource
{
    public const string Kind = "hkex-app";
    public const string Referer = "https://www1.hkexnews.hk/app/appindex.html?lang=en";

    public static readonly Uri DefaultUrl = new("https://www1.hkexnews.hk/ncms/json/eds/appactive_app_sehk_e.json");
    public static readonly Uri GemUrl = new("https://www1.hkexnews.hk/ncms/json/eds/appactive_app_gem_e.json");

    /// <summary>How far back a document may be dated and still be announced (the lists are dated by day).</summary>
    public static readonly TimeSpan DocumentLookBack = TimeSpan.FromDays(3);

    private static readonly TimeSpan HongKong = TimeSpan.FromHours(8);

    public override Task<FeedPoll> PollAsync(CancellationToken cancellationToken) => PollAsync(null, cancellationToken);

    /// <param name="cursor">The baseline the last poll left (<see cref="FeedPoll.Cursor"/>); null on a first-ever poll.</param>
    public async Task<FeedPoll> PollAsync(string? cursor, CancellationToken cancellationToken)
    {
        var active = Options.Url ?? DefaultUrl;
        var now = Clock.GetUtcNow().ToOffset(HongKong);
        var since = new DateTimeOffset(now.Date, HongKong) - DocumentLookBack;
        var lists = new (string Name, Uri Url, string? Status)[]
        {
            ("active", active, null),
            ("phip", Sibling(active, "appactive_appphip_"), null),
            ("inactive", Sibling(active, "appinactive_"), ""),
            ("listed", Sibling(active, "applisted_"), "LISTED"),
        };
        var before = HkexAppBaseline.Parse(cursor);
        var after = HkexAppBaseline.Parse(cursor);
        var events = new Dictionary<string, MarketEvent>(StringComparer.Ordinal);
        var problems = new List<FeedProblem>();
        FeedError? firstError = null;
        var failed = 0;
        foreach (var (name, url, status) in lists)
        {
            var label = url.Segments[^1];
            var (parsed, error) = await ReadAsync(url, status, now, cancellationToken);
            if (parsed is null)
            {
                firstError ??= error;
                failed++;
                problems.Add(new FeedProblem(label, error!.ToString() + "; its baseline is kept"));
                continue;
            }

            var (snapshot, changed) = Diff(parsed.Items, before.Of(name), documents: status is null, since);
            after.Set(name, snapshot);
            foreach (var announcement in changed)
            {
                events.TryAdd(announcement.Id, MarketEvent.Of(announcement));
            }

            problems.AddRange(parsed.Problems.Select(p => p with { Where = label + " " + p.Where }));
        }

        return failed == lists.Length
            ? FeedPoll.Failed(Name, firstError!)
            : new FeedPoll(Name, [.. events.Values], problems, null) { Cursor = after.Encode() };
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

    /// <summary>One list, every document or status in it (the look-back is applied to changed applications only).</summary>
    private async Task<(ParseResult<Announcement>? Parsed, FeedError? Error)> ReadAsync(
        Uri url, string? status, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (parsed, error) = await SendAndReadAsync(
            FeedRequests.Get(url, Options, Referer, "application/json, */*"),
            response => status is null
                ? HkexAppParser.ParseDocuments(response.Text(), DateTimeOffset.MinValue)
                : HkexAppParser.ParseStatuses(response.Text(), status.Length == 0 ? null : status, now),
            cancellationToken);
        return parsed is { IsMalformed: true } ? (null, FeedError.Malformed(parsed.Error!)) : (parsed, error);
    }

    /// <summary>This list's snapshot, and what changed since <paramref name="baseline"/> (null: never read, so only recent documents).</summary>
    private static (Dictionary<uint, uint> Snapshot, List<Announcement> Changed) Diff(
        IReadOnlyList<Announcement> items, IReadOnlyDictionary<uint, uint>? baseline, bool documents, DateTimeOffset since)
    {
        // Source ids are "application:path" for documents and "application:STATUS" for statuses.
        var byApplication = items.GroupBy(a => a.SourceId[..Math.Max(0, a.SourceId.IndexOf(':', StringComparison.Ordinal))], StringComparer.Ordinal);
        var snapshot = new Dictionary<uint, uint>();
        var changed = new List<Announcement>();
        foreach (var application in byApplication)
        {
            var key = HkexAppBaseline.Key(application.Key);
            var hash = HkexAppBaseline.Hash(application.Select(a => a.SourceId));
            snapshot[key] = hash;
            var isChange = baseline is null ? documents : !baseline.TryGetValue(key, out var old) || old != hash;
            if (isChange)
            {
                changed.AddRange(documents ? application.Where(a => a.PublishedAt >= since) : application);
            }
        }

        return (snapshot, changed);
    }
}
