using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Alerts.Sources.Feeds;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Hkex;

/// <summary>
/// Polls an HKEXnews LCI feed (newest first) in both languages: the configured file (<c>…relsde_1.json</c> English or
/// <c>…relsdc_1.json</c> Chinese; GEM is <c>lcigem1…</c>) and its twin in the other language, each paged <c>…_1.json</c>,
/// <c>…_2.json</c> … up to its <c>maxNumOfFile</c> until it reaches the last poll's high-water newsId of that language (the
/// cursor: <c>hkex-lci/2</c>, then <c>en 12102478</c> and <c>zh-Hant 12102479</c>), then merges the two versions of each
/// document into one announcement (<see cref="HkexLanguagePairs"/>). Documents are numbered across all pages read
/// (<see cref="HkexLciPager"/>), so a same-minute group split over two pages keeps the ids its two languages share. One
/// language failing still yields the other's documents, with a problem naming the failure; only both failing fails the
/// poll. A file whose name says no language is read alone, as English.
/// </summary>
public sealed partial class HkexLciSource(HttpClient http, FeedSourceOptions options, TimeProvider? clock = null)
    : HttpFeedSource(http, options, clock ?? TimeProvider.System), IPagedFeedSource
{
    public const string Kind = "hkex-lci";

    public static readonly Uri EnglishUrl = new("https://www1.hkexnews.hk/ncms/json/eds/lcisehk1relsde_1.json");
    public static readonly Uri ChineseUrl = new("https://www1.hkexnews.hk/ncms/json/eds/lcisehk1relsdc_1.json");
    public static readonly Uri GemEnglishUrl = new("https://www1.hkexnews.hk/ncms/json/eds/lcigem1relsde_1.json");

    private const string CursorVersion = "hkex-lci/2";

    public override Task<FeedPoll> PollAsync(CancellationToken cancellationToken) => PollAsync(null, cancellationToken);

    public async Task<FeedPoll> PollAsync(string? cursor, CancellationToken cancellationToken)
    {
        var marks = HighWaterMarks(cursor);
        var configured = Options.Url ?? EnglishUrl;
        if (HkexLciParser.OtherLanguageOf(configured) is not { } twin)
        {
            var alone = await ReadAsync(configured, HkexNews.English, marks, cancellationToken);
            return alone.Error is { } error
                ? FeedPoll.Failed(Name, error)
                : FeedPoll.From(Name, alone.Parsed) with { Cursor = alone.LeftGap ? null : Cursor((HkexNews.English, alone.HighWater)) };
        }

        var english = HkexLciParser.LanguageOf(configured) == HkexNews.English ? configured : twin;
        var chinese = english == configured ? twin : configured;
        var englishRead = await ReadAsync(english, HkexNews.English, marks, cancellationToken);
        var chineseRead = await ReadAsync(chinese, HkexNews.TraditionalChinese, marks, cancellationToken);
        if (englishRead.Error is { } englishError && chineseRead.Error is not null)
        {
            return FeedPoll.Failed(Name, englishError);
        }

        var merged = FeedPoll.From(Name, HkexLanguagePairs.Merge(englishRead.Parsed, chineseRead.Parsed));
        // A language that read some pages but not back to its mark keeps both marks, so the next poll rereads and re-pairs the gap.
        return merged with
        {
            Cursor = englishRead.LeftGap || chineseRead.LeftGap
                ? null
                : Cursor((HkexNews.English, englishRead.HighWater), (HkexNews.TraditionalChinese, chineseRead.HighWater)),
        };
    }

    /// <summary>Page <paramref name="page"/> of a feed file: <c>…relsde_1.json</c> becomes <c>…relsde_{page}.json</c>.</summary>
    public static Uri PageUrl(Uri firstPage, int page)
    {
        ArgumentNullException.ThrowIfNull(firstPage);
        var builder = new UriBuilder(firstPage);
        builder.Path = PageNumber().Replace(builder.Path, "_" + page.ToString(CultureInfo.InvariantCulture) + ".json");
        return builder.Uri;
    }

    /// <summary>One language's file, paged back to its high-water mark.</summary>
    private Task<HkexLciRead> ReadAsync(Uri url, string language, IReadOnlyDictionary<string, long> marks, CancellationToken cancellationToken)
    {
        var referer = "https://www1.hkexnews.hk/listedco/listconews/index/lci.html?lang=" + (language == HkexNews.English ? "en" : "zh");
        var paged = PageNumber().IsMatch(url.AbsolutePath); // a file not named …_N.json has no other pages to read
        return HkexLciPager.ReadAsync(
            async (page, token) =>
            {
                var (read, error) = await SendAndReadAsync(
                    FeedRequests.Get(PageUrl(url, page), Options, referer, "application/json, text/javascript, */*; q=0.01"),
                    response =>
                    {
                        var text = response.Text();
                        var rows = HkexLciParser.ParseDocuments(text, language);
                        return rows.IsMalformed ? new HkexLciPage(null, null, FeedError.Malformed(rows.Error!)) : new HkexLciPage(rows, paged ? PageCount(text) : 1, null);
                    },
                    token);
                return read ?? new HkexLciPage(null, null, error);
            },
            marks.TryGetValue(language, out var mark) ? mark : null,
            Options.MaxPages,
            cancellationToken);
    }

    private static int? PageCount(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.TryGetProperty("maxNumOfFile", out var count) && count.TryGetInt32(out var pages) ? pages : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The marks a cursor of this version holds; none for another (a cold start, as for an older cursor of event ids).</summary>
    private static Dictionary<string, long> HighWaterMarks(string? cursor)
    {
        var marks = new Dictionary<string, long>(StringComparer.Ordinal);
        var lines = cursor?.Split('\n') ?? [];
        if (lines.Length == 0 || lines[0] != CursorVersion)
        {
            return marks;
        }

        foreach (var parts in lines.Skip(1).Select(line => line.Split(' ')))
        {
            if (parts.Length == 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var mark))
            {
                marks[parts[0]] = mark;
            }
        }

        return marks;
    }

    private static string Cursor(params (string Language, long? Mark)[] marks) =>
        string.Join('\n', [CursorVersion, .. marks.Where(m => m.Mark is not null).Select(m => $"{m.Language} {m.Mark!.Value.ToString(CultureInfo.InvariantCulture)}")]);

    [GeneratedRegex(@"_\d+\.json$")]
    private static partial Regex PageNumber();
}
