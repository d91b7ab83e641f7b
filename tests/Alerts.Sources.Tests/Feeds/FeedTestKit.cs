using Alerts.Sources.Feeds;
using Alerts.Testing;

namespace Alerts.Sources.Tests.Feeds;

/// <summary>Builds sources against a loopback server the way the host builds them against the real sites.</summary>
internal static class FeedTestKit
{
    public static readonly DateTimeOffset Now = new(2026, 8, 8, 2, 0, 0, TimeSpan.Zero);

    public static HttpClient Http(TimeSpan? timeout = null) => new() { Timeout = timeout ?? TimeSpan.FromSeconds(10) };

    public static IFeedSource Create(
        string kind, Uri url, HttpClient http, TimeProvider? clock = null, IReadOnlyList<string>? symbols = null) =>
        FeedSourceRegistry.Create(
            new FeedSourceOptions
            {
                Name = kind + "-test",
                Kind = kind,
                Url = url,
                Symbols = symbols ?? (kind == "edgar-submissions" ? ["320193"] : ["2513.HK"]),
                UserAgent = kind.StartsWith("edgar", StringComparison.Ordinal) ? "Alerts Tests tests@alerts.example" : null,
            },
            http,
            clock ?? new ManualTimeProvider(Now));

    /// <summary>The path each kind is polled at in these tests (the LCI file name carries the language).</summary>
    public static string PathFor(string kind) => kind switch
    {
        "hkex-lci" => "/ncms/json/eds/lcisehk1relsde_1.json",
        "tencent-quotes" => "/",
        _ => "/" + kind,
    };
}
