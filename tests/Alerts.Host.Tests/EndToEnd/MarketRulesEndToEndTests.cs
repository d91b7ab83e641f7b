using System.Text.Json;
using System.Text.Json.Nodes;
using Alerts.Core.Model;
using Alerts.Core.Serialization;

namespace Alerts.Host.Tests.EndToEnd;

/// <summary>The market rules (new highs, window moves, A/H premium, volume spikes) through import, backtest and history seeding.</summary>
public sealed class MarketRulesEndToEndTests : IDisposable
{
    private static readonly DateTimeOffset Ten = new(2026, 1, 8, 2, 0, 0, TimeSpan.Zero);

    private readonly string _work = Directory.CreateTempSubdirectory("alerts-market-").FullName;

    private string Data => Path.Combine(_work, "data");

    private static JsonObject Rule(string kind, string id, JsonObject fields)
    {
        var rule = new JsonObject { ["kind"] = kind, ["id"] = id, ["name"] = id, ["companies"] = new JsonObject { ["companies"] = new JsonArray("zhipu") } };
        foreach (var (key, value) in fields)
        {
            rule[key] = value?.DeepClone();
        }

        return rule;
    }

    private static string Catalog(params JsonObject[] rules) => new JsonObject
    {
        ["companies"] = new JsonArray(new JsonObject
        {
            ["id"] = "zhipu", ["names"] = new JsonArray("Zhipu", "智谱"),
            ["listings"] = new JsonArray(
                new JsonObject { ["exchange"] = "HKEX", ["code"] = "02513", ["symbol"] = "2513.HK", ["currency"] = "HKD" },
                new JsonObject { ["exchange"] = "SSE", ["code"] = "688999", ["symbol"] = "688999.SS", ["currency"] = "CNY" }),
        }),
        ["rules"] = new JsonArray([.. rules]),
    }.ToJsonString();

    private static JsonObject[] EveryKind() =>
    [
        Rule("newHighLow", "record", new JsonObject { ["window"] = "Weeks52" }),
        Rule("windowMove", "jump", new JsonObject { ["thresholdPercent"] = 3, ["minutes"] = 10, ["direction"] = "Up" }),
        Rule("listingSpread", "ah", new JsonObject { ["level"] = 35, ["maxQuoteAge"] = "00:15:00", ["frequency"] = new JsonObject { ["kind"] = "OncePerTradingDay" } }),
        Rule("volumeSpike", "spike", new JsonObject { ["multiple"] = 2, ["days"] = 20 }),
    ];

    [Fact]
    public async Task Every_market_kind_imports_and_bad_values_are_named_by_field()
    {
        var good = await WriteAsync("good.json", Catalog(EveryKind()));
        var bad = await WriteAsync("bad.json", Catalog(
            Rule("newHighLow", "r0", new JsonObject { ["window"] = "TradingDays" }),
            Rule("windowMove", "r1", new JsonObject { ["thresholdPercent"] = 3, ["minutes"] = 10, ["tradingDays"] = 5 }),
            Rule("listingSpread", "r2", new JsonObject()),
            Rule("volumeSpike", "r3", new JsonObject { ["multiple"] = 2, ["days"] = 99 }),
            Rule("listingSpread", "r4", new JsonObject { ["level"] = 35, ["companies"] = new JsonObject { ["companies"] = new JsonArray("MiniMax") } })));

        var imported = await AlertsProcess.RunAsync(_work, CatalogFiles.Environment(Data), "import", good);
        var refused = await AlertsProcess.RunAsync(_work, CatalogFiles.Environment(Data), "import", bad);

        Assert.True(imported.ExitCode == 0, imported.ToString());
        Assert.Contains("4 rules", imported.Output, StringComparison.Ordinal);
        Assert.Equal(2, refused.ExitCode);
        foreach (var field in new[] { "rules[0].tradingDays", "rules[1].minutes", "rules[2].level", "rules[3].days", "rules[4].companies.companies[0]" })
        {
            Assert.Contains(field, refused.Errors, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Backtest_explains_the_premium_and_says_why_a_rule_was_held_back()
    {
        var rules = await WriteAsync("rules.json", Catalog(EveryKind()));
        var ticks = new[]
        {
            new PriceTick("2513.HK", 485m, 0, 1_500_000, Ten, "HKD", "quotes"),
            new PriceTick("688999.SS", 605m, 0, 900_000, Ten.AddMinutes(1), "CNY", "quotes"),
            new PriceTick("HKDCNY=X", 0.92m, 0, 0, Ten.AddMinutes(2), "CNY", "quotes"),
            new PriceTick("2513.HK", 485m, 0, 1_600_000, Ten.AddMinutes(3), "HKD", "quotes"),
        };
        var events = await WriteAsync("ticks.jsonl", string.Join('\n', ticks.Select(t => JsonSerializer.Serialize(MarketEvent.Of(t), AlertsJsonContext.Default.MarketEvent))));
        var closes = await WriteAsync("closes.csv", "symbol,date,close\n2513.HK,2026-01-06,470\n2513.HK,2026-01-07,480\n");

        var result = await AlertsProcess.RunAsync(_work, CatalogFiles.Environment(Data), "backtest", "--rules", rules, "--events", events, "--closes", closes);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("record                   Zhipu (2513.HK) new 52-week high HKD 485.00 (previous highest close HKD 480.00 over 2 trading day(s))", result.Output, StringComparison.Ordinal);
        Assert.Contains("A-share premium 35.6% (threshold 35%): 688999.SS CNY 605.00 vs 2513.HK HKD 485.00 at 0.92", result.Output, StringComparison.Ordinal);
        Assert.Contains("Held back (no alert):", result.Output, StringComparison.Ordinal);
        Assert.Contains("(zhipu) held back: no quote of HKDCNY=X", result.Output, StringComparison.Ordinal);
        Assert.Contains("2 alert(s) from 4 event(s) and 4 rule(s); nothing was sent.", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backtest_seeds_day_window_rules_from_the_yahoo_source_and_a_symbol_it_cannot_seed_says_so_where_its_rule_is_held_back()
    {
        var times = string.Join(',', new[] { 6, 7 }.Select(day => new DateTimeOffset(2026, 1, day, 9, 30, 0, TimeSpan.FromHours(8)).ToUnixTimeSeconds()));
        var chart = $$$"""{"chart":{"result":[{"meta":{"currency":"HKD","symbol":"2513.HK","gmtoffset":28800},"timestamp":[{{{times}}}],"indicators":{"quote":[{"close":[470.0,480.0]}]}}],"error":null}}""";
        await using var yahoo = await StartYahooAsync(chart, unknownSymbol: "688999.SS");
        var environment = YahooEnvironment(yahoo);
        var rules = await WriteAsync("rules.json", Catalog(Rule("newHighLow", "record", new JsonObject { ["window"] = "Weeks52" })));
        var ticks = new[]
        {
            new PriceTick("2513.HK", 485m, 0, 1_500_000, Ten, "HKD", "quotes"),
            new PriceTick("688999.SS", 605m, 0, 900_000, Ten.AddMinutes(1), "CNY", "quotes"),
        };
        var events = await WriteAsync("ticks.jsonl", string.Join('\n', ticks.Select(t => JsonSerializer.Serialize(MarketEvent.Of(t), AlertsJsonContext.Default.MarketEvent))));

        var result = await AlertsProcess.RunAsync(_work, environment, "backtest", "--rules", rules, "--events", events, "--seed-from-sources");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("seeded 2513.HK: 2 close(s) to 2026-01-07 from yahoo-quotes", result.Output, StringComparison.Ordinal);
        Assert.Contains("could not seed 688999.SS: yahoo-quotes: 688999.SS: ", result.Errors, StringComparison.Ordinal);
        Assert.Contains("record                   Zhipu (2513.HK) new 52-week high HKD 485.00 (previous highest close HKD 480.00 over 2 trading day(s))", result.Output, StringComparison.Ordinal);
        Assert.Contains("(688999.SS) held back: no stored closes of 688999.SS in the 52-week window (seeding its closes failed: yahoo-quotes: 688999.SS: ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_seed_merges_closes_reports_bad_lines_and_show_prints_them()
    {
        var closes = await WriteAsync("closes.csv", "symbol,date,close\n2513.HK,2026-01-06,470\n2513.HK,06/01/2026,471\n2513.hk,2026-01-07,480.5\n");

        var seeded = await AlertsProcess.RunAsync(_work, CatalogFiles.Environment(Data), "history", "seed", closes);
        var shown = await AlertsProcess.RunAsync(_work, CatalogFiles.Environment(Data), "history", "show", "2513.HK");
        var again = await AlertsProcess.RunAsync(_work, CatalogFiles.Environment(Data), "history", "seed", closes);

        Assert.Equal(1, seeded.ExitCode);
        Assert.Contains("skipped line 3: '06/01/2026' is not a yyyy-MM-dd date", seeded.Errors, StringComparison.Ordinal);
        Assert.Contains("2513.HK: 2 close(s) read, 2 new or changed", seeded.Output, StringComparison.Ordinal);
        Assert.Contains("2513.HK: 2 daily close(s) from 2026-01-06 to 2026-01-07, last 480.5", shown.Output, StringComparison.Ordinal);
        Assert.Contains("2513.HK: 2 close(s) read, 0 new or changed", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_seed_asks_the_enabled_yahoo_source_for_daily_closes_and_reports_a_symbol_it_cannot_seed()
    {
        // Bars dated relative to today, because the command asks for the last --days from the real clock.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var bars = new[] { today.AddDays(-100), today.AddDays(-3), today.AddDays(-1) };
        var times = string.Join(',', bars.Select(d => new DateTimeOffset(d.ToDateTime(new TimeOnly(9, 30)), TimeSpan.FromHours(8)).ToUnixTimeSeconds()));
        var chart = $$$"""{"chart":{"result":[{"meta":{"currency":"HKD","symbol":"2513.HK","gmtoffset":28800},"timestamp":[{{{times}}}],"indicators":{"quote":[{"close":[300.0,470.0,480.5]}]}}],"error":null}}""";
        await using var yahoo = await StartYahooAsync(chart, unknownSymbol: "9999.HK");
        var environment = YahooEnvironment(yahoo);

        var seeded = await AlertsProcess.RunAsync(_work, environment, "history", "seed", "--symbol", "2513.HK", "9999.HK", "--days", "30");
        var shown = await AlertsProcess.RunAsync(_work, environment, "history", "show", "2513.HK");

        Assert.Equal(1, seeded.ExitCode);
        Assert.Contains("2513.HK: 2 close(s) from yahoo-quotes, 2 new or changed", seeded.Output, StringComparison.Ordinal);
        Assert.Contains("9999.HK: not seeded (yahoo-quotes): yahoo-quotes: 9999.HK: ", seeded.Output, StringComparison.Ordinal);
        Assert.Contains($"2513.HK: 2 daily close(s) from {today.AddDays(-3):yyyy-MM-dd} to {today.AddDays(-1):yyyy-MM-dd}, last 480.5", shown.Output, StringComparison.Ordinal);
        Assert.Contains(yahoo.Requests, r => r.PathAndQuery == "/v8/finance/chart/2513.HK?interval=1d&range=1mo");
    }

    /// <summary>A loopback Yahoo chart v8 that answers every symbol with <paramref name="chart"/>, and 404 for <paramref name="unknownSymbol"/>.</summary>
    private static Task<Alerts.Testing.LoopbackServer> StartYahooAsync(string chart, string unknownSymbol) =>
        Alerts.Testing.LoopbackServer.StartAsync(async (request, context) =>
        {
            var unknown = request.PathAndQuery.Contains(unknownSymbol, StringComparison.Ordinal);
            context.Response.ContentType = "application/json";
            context.Response.StatusCode = unknown ? 404 : 200;
            await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, unknown
                ? """{"chart":{"result":null,"error":{"code":"Not Found","description":"No data found"}}}"""
                : chart);
        });

    /// <summary>The test's data directory with the yahoo-quotes source enabled against the loopback fake.</summary>
    private Dictionary<string, string> YahooEnvironment(Alerts.Testing.LoopbackServer yahoo)
    {
        var environment = CatalogFiles.Environment(Data);
        environment["Alerts__Sources__0__Name"] = "yahoo-quotes";
        environment["Alerts__Sources__0__Kind"] = "yahoo-quotes";
        environment["Alerts__Sources__0__Url"] = yahoo.Url("/").ToString();
        return environment;
    }

    private async Task<string> WriteAsync(string name, string content)
    {
        var path = Path.Combine(_work, name);
        await File.WriteAllTextAsync(path, content);
        return path;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_work, recursive: true);
    }
}
