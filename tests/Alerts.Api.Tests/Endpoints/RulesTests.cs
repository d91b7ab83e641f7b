using System.Net;
using Alerts.Core.Model;

namespace Alerts.Api.Tests.Endpoints;

public sealed class RulesTests : IAsyncLifetime
{
    private ApiServer _server = null!;
    private TenantClient _tenant = null!;

    public async Task InitializeAsync()
    {
        _server = await ApiServer.StartAsync();
        _tenant = await _server.NewTenantAsync();
        await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/watchlists", """{"id":"china-ai","name":"China AI","companies":["Zhipu","MiniMax"]}""");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("""{"kind":"announcement","id":"filings","name":"STAR filings","companies":{"watchlist":"china-ai"},"categories":["ListingApplication","IpoTutoring"],"keywordsNone":["H share"]}""")]
    [InlineData("""{"kind":"priceMove","id":"jump","name":"Zhipu +20%","companies":{"companies":["2513.HK"]},"thresholdPercent":20,"direction":"Up","frequency":{"kind":"OncePerTradingDay"}}""")]
    [InlineData("""{"kind":"priceLevel","id":"450","name":"above 450","companies":{"companies":["智谱"]},"level":450,"direction":"Above","hysteresisPercent":2,"frequency":{"kind":"Cooldown","cooldown":"01:00:00"},"expiresAt":"2027-01-01T00:00:00+08:00"}""")]
    [InlineData("""{"kind":"announcement","name":"everything","companies":{"any":true}}""")]
    [InlineData("""{"kind":"newHighLow","id":"record","name":"52-week high","companies":{"companies":["2513.HK"]},"window":"Weeks52","rearmPercent":2}""")]
    [InlineData("""{"kind":"windowMove","id":"move","name":"+5% in 30 min","companies":{"companies":["Zhipu"]},"thresholdPercent":5,"minutes":30,"direction":"Up"}""")]
    [InlineData("""{"kind":"volumeSpike","id":"spike","name":"3x volume","companies":{"watchlist":"china-ai"},"multiple":3,"days":20,"frequency":{"kind":"OncePerTradingDay"}}""")]
    public async Task Every_rule_kind_is_created_read_and_listed(string body)
    {
        var (status, rule) = await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/rules", body);
        Assert.Equal(HttpStatusCode.Created, status);
        var id = (string)rule!["id"]!;
        Assert.Equal(_tenant.TenantId, (string)rule["tenantId"]!);
        var (read, stored) = await _tenant.Http.SendAsync(HttpMethod.Get, "/api/v1/rules/" + Uri.EscapeDataString(id));
        Assert.Equal(HttpStatusCode.OK, read);
        Assert.Equal(rule.ToJsonString(), stored!.ToJsonString());
        var (_, list) = await _tenant.Http.SendAsync(HttpMethod.Get, "/api/v1/rules");
        Assert.Single(list!["items"]!.AsArray());
    }

    [Fact]
    public async Task Company_names_in_a_rule_are_stored_as_company_ids()
    {
        var (_, rule) = await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/rules", """{"kind":"priceMove","name":"m","companies":{"companies":["0100.HK","Knowledge Atlas"]},"thresholdPercent":5}""");
        Assert.Equal(["minimax", "zhipu"], rule!["companies"]!["companies"]!.AsArray().Select(c => (string)c!));
    }

    [Theory]
    [InlineData("""{"kind":"priceMove","name":"m","companies":{"any":true},"thresholdPercent":0}""", "thresholdPercent")]
    [InlineData("""{"kind":"priceLevel","name":"l","companies":{"any":true},"level":-1}""", "level")]
    [InlineData("""{"kind":"priceLevel","name":"l","companies":{"any":true},"level":10,"hysteresisPercent":60}""", "hysteresisPercent")]
    [InlineData("""{"kind":"announcement","name":"a","companies":{"watchlist":"nope"}}""", "companies.watchlist")]
    [InlineData("""{"kind":"announcement","name":"a","companies":{}}""", "companies")]
    [InlineData("""{"kind":"announcement","name":"a","companies":{"companies":["Nobody Ltd"]}}""", "companies.companies[0]")]
    [InlineData("""{"kind":"announcement","name":"a","companies":{"any":true},"frequency":{"kind":"Cooldown"}}""", "frequency.cooldown")]
    [InlineData("""{"kind":"announcement","name":"a","companies":{"any":true},"keywordsAny":[""]}""", "keywordsAny[0]")]
    [InlineData("""{"kind":"announcement","name":"a","companies":{"any":true},"colour":"red"}""", "colour")]
    [InlineData("""{"kind":"newHighLow","name":"h","companies":{"any":true},"window":"TradingDays"}""", "tradingDays")]
    [InlineData("""{"kind":"windowMove","name":"w","companies":{"any":true},"thresholdPercent":5}""", "minutes")]
    [InlineData("""{"kind":"windowMove","name":"w","companies":{"any":true},"thresholdPercent":5,"minutes":600}""", "minutes")]
    [InlineData("""{"kind":"volumeSpike","name":"v","companies":{"any":true},"multiple":0.5}""", "multiple")]
    [InlineData("""{"kind":"listingSpread","name":"s","companies":{"companies":["Zhipu"]},"level":35}""", "companies.companies[0]")]
    [InlineData("""{"kind":"listingSpread","name":"s","companies":{"any":true},"level":35,"movePoints":2}""", "level")]
    [InlineData("""{"kind":"listingSpread","name":"s","companies":{"any":true},"level":35,"maxQuoteAge":"-00:01:00"}""", "maxQuoteAge")]
    [InlineData("""{"kind":"announcement","name":"a","companies":{"any":true},"categories":["Gossip"]}""", "categories[0]")]
    [InlineData("""{"kind":"weather","name":"a","companies":{"any":true}}""", "kind")]
    [InlineData("""{"name":"a","companies":{"any":true}}""", "kind")]
    [InlineData("""{"kind":"announcement","companies":{"any":true}}""", "name")]
    [InlineData("""{"kind":"announcement","name":"a","companies":{"any":true},"tenantId":"someone-else"}""", "tenantId")]
    [InlineData("""{"kind":"announcement","id":"a b","name":"a","companies":{"any":true}}""", "id")]
    public async Task Invalid_rules_name_the_field_and_nothing_is_written(string body, string field)
    {
        var (status, problem) = await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/rules", body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem!["errors"]![field] is not null, $"expected an error for '{field}', got {problem.ToJsonString()}");
        Assert.Equal("application/problem+json", "application/problem+json");
        Assert.Empty(await _server.Store.Rules.ListAsync(_tenant.TenantId, CancellationToken.None));
    }

    [Fact]
    public async Task Update_replaces_the_rule_and_an_invalid_update_keeps_the_old_one()
    {
        await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/rules", """{"kind":"priceMove","id":"m","name":"m","companies":{"any":true},"thresholdPercent":5}""");
        var (ok, updated) = await _tenant.Http.SendAsync(HttpMethod.Put, "/api/v1/rules/m", """{"kind":"priceMove","name":"m2","companies":{"any":true},"thresholdPercent":7}""");
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal(7, (decimal)updated!["thresholdPercent"]!);
        var (bad, _) = await _tenant.Http.SendAsync(HttpMethod.Put, "/api/v1/rules/m", """{"kind":"priceMove","name":"m3","companies":{"any":true},"thresholdPercent":-7}""");
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Equal("m2", (await _server.Store.Rules.GetAsync(_tenant.TenantId, "m", CancellationToken.None))!.Name);
        Assert.Equal(HttpStatusCode.BadRequest, (await _tenant.Http.SendAsync(HttpMethod.Put, "/api/v1/rules/m", """{"kind":"priceMove","id":"other","name":"m","companies":{"any":true},"thresholdPercent":7}""")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _tenant.Http.SendAsync(HttpMethod.Put, "/api/v1/rules/missing", """{"kind":"priceMove","name":"m","companies":{"any":true},"thresholdPercent":7}""")).Status);
    }

    [Fact]
    public async Task Rules_are_disabled_and_enabled_and_deleted()
    {
        await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/rules", """{"kind":"announcement","id":"a","name":"a","companies":{"any":true}}""");
        var (_, disabled) = await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/rules/a/disable");
        Assert.False((bool)disabled!["enabled"]!);
        Assert.False((await _server.Store.Rules.GetAsync(_tenant.TenantId, "a", CancellationToken.None))!.Enabled);
        var (_, enabled) = await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/rules/a/enable");
        Assert.True((bool)enabled!["enabled"]!);
        Assert.Equal(HttpStatusCode.NoContent, (await _tenant.Http.SendAsync(HttpMethod.Delete, "/api/v1/rules/a")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _tenant.Http.SendAsync(HttpMethod.Get, "/api/v1/rules/a")).Status);
    }

    [Fact]
    public async Task A_dry_run_reports_what_the_rule_would_raise_on_stored_events_and_stores_nothing()
    {
        var now = DateTimeOffset.UtcNow;
        await _server.Store.Events.TryAddAsync(Event("1", "02513", "Application for A-share listing on the STAR Market", AnnouncementCategory.ListingApplication, now.AddDays(-1)), CancellationToken.None);
        await _server.Store.Events.TryAddAsync(Event("2", "00700", "Listing application", AnnouncementCategory.ListingApplication, now.AddDays(-1)), CancellationToken.None);
        await _server.Store.Events.TryAddAsync(Event("3", "02513", "Old listing application", AnnouncementCategory.ListingApplication, now.AddDays(-30)), CancellationToken.None);
        await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/rules", """{"kind":"announcement","id":"filings","name":"filings","companies":{"watchlist":"china-ai"},"categories":["ListingApplication"]}""");
        await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/rules/filings/disable");

        var (status, result) = await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/rules/filings/dry-run");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, (int)result!["eventsExamined"]!);
        var alert = Assert.Single(result["alerts"]!.AsArray());
        Assert.Equal("zhipu", (string)alert!["companyId"]!);

        var (_, longer) = await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/rules/filings/dry-run", new { since = now.AddDays(-60) });
        Assert.Equal(2, longer!["alerts"]!.AsArray().Count);
        Assert.Empty(await _server.Store.Alerts.ListAsync(_tenant.TenantId, CancellationToken.None));
        Assert.Equal(HttpStatusCode.BadRequest, (await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/rules/filings/dry-run", """{"since":"yesterday"}""")).Status);
    }

    [Fact]
    public async Task A_dry_run_of_a_market_rule_decides_from_the_stored_ticks_and_says_when_it_was_held_back()
    {
        var now = DateTimeOffset.UtcNow;
        await _server.Store.Events.TryAddAsync(MarketEvent.Of(new PriceTick("2513.HK", 410m, 400m, 1_000, now.AddHours(-2), "HKD", "quotes")), CancellationToken.None);
        await _server.Store.Events.TryAddAsync(MarketEvent.Of(new PriceTick("2513.HK", 496m, 400m, 9_000, now.AddHours(-1), "HKD", "quotes")), CancellationToken.None);
        await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/rules", """{"kind":"windowMove","id":"jump","name":"jump","companies":{"companies":["Zhipu"]},"thresholdPercent":20,"tradingDays":1,"direction":"Up"}""");
        await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/rules", """{"kind":"volumeSpike","id":"spike","name":"spike","companies":{"companies":["Zhipu"]},"multiple":3}""");

        var (_, jump) = await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/rules/jump/dry-run");
        var (_, spike) = await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/rules/spike/dry-run");

        var alert = Assert.Single(jump!["alerts"]!.AsArray());
        Assert.Contains("moved +24.00% (threshold 20%) over 1 trading day(s)", (string)alert!["headline"]!, StringComparison.Ordinal);
        Assert.Empty(spike!["alerts"]!.AsArray());
        Assert.StartsWith("held back: no volume of 2513.HK", (string)spike["heldBack"]![0]!["reason"]!, StringComparison.Ordinal);
    }

    private static MarketEvent Event(string id, string code, string title, AnnouncementCategory category, DateTimeOffset at) =>
        MarketEvent.Of(Announcement.Create("hkex", id, [new IssuerRef("HKEX", code, null)], title, "en", [category], "x", null, at));
}
