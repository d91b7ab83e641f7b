using System.Text;
using System.Text.Json;
using Alerts.Core.Model;
using Alerts.Sources.Csrc;
using Alerts.Sources.Hkex;
using Alerts.Sources.Parsing;
using Alerts.Sources.Sse;
using Alerts.Sources.Tencent;

namespace Alerts.Sources.Samples;

/// <summary>
/// Reference and demo data shipped next to the assembly in <c>Samples/</c>: the company catalogue and the Zhipu A-share story
/// in each source's real wire format (see Samples/README.md for the story and the file order).
/// </summary>
public static class SampleData
{
    public const string CompaniesFile = "companies.json";
    public const string HkexLciEnglishFile = "lcisehk1relsde_1.json";
    public const string HkexLciChineseFile = "lcisehk1relsdc_1.json";
    public const string CsrcTutoringFile = "csrc-tutoring.html";
    public const string SseIpoReviewFile = "sse-ipo-review.jsonp";

    /// <summary>Tencent quote snapshots in time order, GBK bytes as the vendor sends them.</summary>
    public static IReadOnlyList<string> TencentSnapshotFiles { get; } =
        ["tencent-01.txt", "tencent-02.txt", "tencent-03.txt", "tencent-04.txt", "tencent-05.txt"];

    /// <summary>The <c>Samples</c> folder next to this assembly.</summary>
    public static string Directory { get; } = Path.Combine(
        Path.GetDirectoryName(typeof(SampleData).Assembly.Location) is { Length: > 0 } folder ? folder : AppContext.BaseDirectory,
        "Samples");

    public static string PathOf(string fileName) => Path.Combine(Directory, fileName);

    public static IReadOnlyList<Company> LoadCompanies() =>
        JsonSerializer.Deserialize(File.ReadAllText(PathOf(CompaniesFile), Encoding.UTF8), SampleJsonContext.Default.ListCompany)
        ?? throw new InvalidDataException($"{CompaniesFile} holds no companies");

    /// <summary>
    /// Every sample document parsed with the production parsers, ordered by when it happened (the English and Chinese versions
    /// of an HKEX announcement paired into one, as the LCI source pairs them). Throws if any sample fails to parse cleanly.
    /// </summary>
    public static IReadOnlyList<MarketEvent> LoadDemoEvents()
    {
        var announcements = new[]
        {
            Clean(HkexLciEnglishFile, HkexLanguagePairs.Merge(
                HkexLciParser.Parse(File.ReadAllText(PathOf(HkexLciEnglishFile), Encoding.UTF8), "en"),
                HkexLciParser.Parse(File.ReadAllText(PathOf(HkexLciChineseFile), Encoding.UTF8), "zh-Hant"))),
            Read(CsrcTutoringFile, CsrcTutoringParser.Parse),
            Read(SseIpoReviewFile, SseIpoReviewParser.Parse),
        }.SelectMany(items => items).Select(MarketEvent.Of);
        var ticks = TencentSnapshotFiles
            .SelectMany(file => Clean(file, TencentQuoteParser.Parse(File.ReadAllBytes(PathOf(file)))))
            .Select(MarketEvent.Of);
        return [.. announcements.Concat(ticks).OrderBy(e => e.OccurredAt)];
    }

    private static IReadOnlyList<Announcement> Read(string file, Func<string, ParseResult<Announcement>> parse) =>
        Clean(file, parse(File.ReadAllText(PathOf(file), Encoding.UTF8)));

    private static IReadOnlyList<T> Clean<T>(string file, ParseResult<T> parsed) =>
        parsed.IsMalformed || parsed.Problems.Count > 0
            ? throw new InvalidDataException($"Sample {file} did not parse cleanly: {parsed.Error ?? string.Join("; ", parsed.Problems)}")
            : parsed.Items;
}
