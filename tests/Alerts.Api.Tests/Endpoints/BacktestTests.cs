using System.Net;
using Alerts.Core.Model;
using Alerts.Core.Rules.Market;

namespace Alerts.Api.Tests.Endpoints;

public sealed class BacktestTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private ApiServer _server = null!;
    private TenantClient _tenant = null!;

    public async Task InitializeAsync()
    {
        _server = await ApiServer.StartAsync();
        _tenant = await _server.NewTenantAsync();
        await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/watchlists", """{"id":"china-ai","name":"China AI","companies":["Zhipu","MiniMax"]}""");
        await Store(Event("1", "02513", "Application for A-share listing on the STAR Market", AnnouncementCategory.ListingApplication, Now.AddDays(-3)));
        await Store(Event("2", "00100", "Proposed issuance of A shares", AnnouncementCategory.AShareIssuance, Now.AddDays(-2)));
        await Store(Event("3", "00700", "Listing application", AnnouncementCategory.ListingApplication, Now.AddDays(-2)));
        await Store(Event("4", "02513", "Completion of IPO tutoring", AnnouncementCategory.IpoTutoring, Now.AddDays(-40)));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Unsaved_rules_run_over_the_stored_history_of_a_range_and_nothing_is_stored()
    {
        var (status, result) = await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/backtest", $$$"""
            {"from":"{{{Now.AddDays(-60):O}}}","to":"{{{Now:O}}}","rules":[
              {"kind":"announcement","id":"star","name":"STAR moments","companies":{"watchlist":"china-ai"},"categories":["ListingApplication","IpoTutoring","AShareIssuance"]},
              {"kind":"announcement","name":"Tencent filings","companies":{"companies":["00700"]}}]}
            """);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(4, (int)result!["eventsExamined"]!);
        var fired = result["alerts"]!.AsArray().Select(a => ((string)a!["ruleId"]!, ((string)a["headline"]!).Split(": ")[^1])).ToList();
        Assert.Equal(
            [("star", "Completion of IPO tutoring"), ("star", "Application for A-share listing on the STAR Market"), ("star", "Proposed issuance of A shares"), ("backtest-2", "Listing application")],
            fired);
        Assert.Empty(await _server.Store.Alerts.ListAsync(_tenant.TenantId, CancellationToken.None));
        Assert.Empty(await _server.Store.Rules.ListAsync(_tenant.TenantId, CancellationToken.None));
    }

    [Fact]
    public async Task The_range_defaults_to_the_dry_run_window_and_bounds_what_is_read()
    {
        var (_, recent) = await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/backtest", """{"rules":[{"kind":"announcement","name":"all","companies":{"any":true}}]}""");
        var (_, older) = await _tenant.Http.SendAsync(
            HttpMethod.Post, "/api/v1/backtest", $$$"""{"from":"{{{Now.AddDays(-50):O}}}","to":"{{{Now.AddDays(-30):O}}}","rules":[{"kind":"announcement","name":"all","companies":{"any":true}}]}""");

        Assert.Equal(3, recent!["alerts"]!.AsArray().Count);
        Assert.Equal("Completion of IPO tutoring", ((string)Assert.Single(older!["alerts"]!.AsArray())!["headline"]!).Split(": ")[^1]);
    }

    [Fact]
    public async Task A_52_week_high_rule_reads_the_daily_closes_stored_before_the_range()
    {
        var request = $$$"""
            {"from":"{{{Now.AddHours(-3):O}}}","to":"{{{Now:O}}}","rules":[
              {"kind":"newHighLow","id":"record","name":"52-week high","companies":{"companies":["2513.HK"]},"window":"Weeks52"}]}
            """;
        await Store(MarketEvent.Of(new PriceTick("2513.HK", 496m, 402m, 9_000, Now.AddHours(-1), "HKD", "quotes")));

        var (_, knowingOnlyYesterday) = await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/backtest", request);
        var closes = Enumerable.Range(2, 300).Select(days => (DateOnly.FromDateTime(Now.AddDays(-days).UtcDateTime), days == 120 ? 520m : 300m + (days % 50))).ToList();
        await new MarketHistoryService(_server.Store.MarketHistory).SeedAsync("2513.HK", closes, CancellationToken.None);
        var (_, knowingTheYear) = await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/backtest", request);

        var headline = (string)Assert.Single(knowingOnlyYesterday!["alerts"]!.AsArray())!["headline"]!;
        Assert.Contains("over 1 trading day", headline, StringComparison.Ordinal);
        Assert.True(knowingTheYear!["alerts"]!.AsArray().Count == 0, knowingTheYear.ToJsonString());
        Assert.Empty(await _server.Store.Alerts.ListAsync(_tenant.TenantId, CancellationToken.None));
    }

    [Theory]
    [InlineData("""{"rules":[]}""", "rules")]
    [InlineData("""{"rules":[{"kind":"announcement","name":"x","companies":{"watchlist":"someone-elses"}}]}""", "rules[0].companies.watchlist")]
    [InlineData("""{"rules":[{"kind":"weather","name":"x"}]}""", "rules[0].kind")]
    [InlineData("""{"rules":[{"kind":"announcement","name":"x","companies":{"any":true}}],"from":"last week"}""", "from")]
    [InlineData("""{"rules":[{"kind":"announcement","name":"x","companies":{"any":true}}],"from":"2026-02-01T00:00:00Z","to":"2026-01-01T00:00:00Z"}""", "to")]
    [InlineData("""{"rules":[{"kind":"announcement","name":"x","companies":{"any":true}}],"from":"2020-01-01T00:00:00Z","to":"2026-01-01T00:00:00Z"}""", "from")]
    [InlineData("""{"rules":[{"kind":"announcement","name":"x","companies":{"any":true}}],"until":"2026-01-01T00:00:00Z"}""", "until")]
    public async Task A_bad_backtest_names_the_field(string body, string field)
    {
        var (status, problem) = await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/backtest", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem!["errors"]![field] is not null, problem.ToJsonString());
    }

    private Task Store(MarketEvent marketEvent) => _server.Store.Events.TryAddAsync(marketEvent, CancellationToken.None);

    private static MarketEvent Event(string id, string code, string title, AnnouncementCategory category, DateTimeOffset at) =>
        MarketEvent.Of(Announcement.Create("hkex", id, [new IssuerRef("HKEX", code, null)], title, "en", [category], "x", null, at));
}
