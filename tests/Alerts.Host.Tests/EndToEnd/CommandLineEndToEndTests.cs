using System.Text.Json;
using System.Text.Json.Nodes;
using Alerts.Core.Serialization;
using Alerts.Sources.Samples;
using Alerts.Storage.Sqlite;

namespace Alerts.Host.Tests.EndToEnd;

/// <summary>import, replay and backtest as a user runs them.</summary>
public sealed class CommandLineEndToEndTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("alerts-cli-").FullName;

    private string Data => Path.Combine(_work, "data");

    [Fact]
    public async Task Invalid_import_names_each_bad_field_and_writes_nothing()
    {
        var document = JsonNode.Parse(CatalogFiles.Valid(new Uri("https://hooks.example.com/desk")))!.AsObject();
        document["rules"]![1]!["level"] = -5;
        document["rules"]![0]!["companies"] = new JsonObject { ["watchlist"] = "no-such-list" };
        document["channels"]![1]!["target"] = "not-an-email";
        document["subscriptions"]![0]!["channelIds"] = new JsonArray("desk", "ghost");
        var file = await WriteAsync("bad.json", document.ToJsonString());

        var result = await AlertsProcess.RunAsync(_work, CatalogFiles.Environment(Data), "import", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("nothing was written", result.Errors, StringComparison.Ordinal);
        Assert.Contains("rules[1].level", result.Errors, StringComparison.Ordinal);
        Assert.Contains("rules[0].companies.watchlist", result.Errors, StringComparison.Ordinal);
        Assert.Contains("channels[1].target", result.Errors, StringComparison.Ordinal);
        Assert.Contains("subscriptions[0].channelIds[1]", result.Errors, StringComparison.Ordinal);
        Assert.Equal(0, await CountRowsAsync("rules") + await CountRowsAsync("channels") + await CountRowsAsync("watchlists"));
    }

    [Fact]
    public async Task Import_with_malformed_json_reports_the_field_and_writes_nothing()
    {
        var file = await WriteAsync("typo.json", """{"rules":[{"kind":"priceMove","id":"r","name":"n","companies":{"any":true},"thresholdPercent":"lots"}]}""");

        var result = await AlertsProcess.RunAsync(_work, CatalogFiles.Environment(Data), "import", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("rules[0].thresholdPercent", result.Errors, StringComparison.Ordinal);
        Assert.Equal(0, await CountRowsAsync("rules"));
    }

    [Fact]
    public async Task Replay_skips_malformed_lines_by_number_and_processes_the_rest_once()
    {
        var catalog = await WriteAsync("catalog.json", CatalogFiles.AllEmail());
        Assert.Equal(0, (await AlertsProcess.RunAsync(_work, CatalogFiles.Environment(Data), "import", catalog)).ExitCode);
        var lines = SampleData.LoadDemoEvents().Select(e => JsonSerializer.Serialize(e, AlertsJsonContext.Default.MarketEvent)).ToList();
        lines.Insert(3, "{ this is not json");
        lines.Insert(7, """{"kind":"PriceTick"}""");
        var events = await WriteAsync("events.jsonl", string.Join('\n', lines));

        var first = await AlertsProcess.RunAsync(_work, CatalogFiles.Environment(Data), "replay", events);
        var second = await AlertsProcess.RunAsync(_work, CatalogFiles.Environment(Data), "replay", events);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("skipped line 4:", first.Errors, StringComparison.Ordinal);
        Assert.Contains("skipped line 8:", first.Errors, StringComparison.Ordinal);
        Assert.Contains("Alerts raised: 6. Deliveries: 11 delivered", first.Output, StringComparison.Ordinal);
        Assert.Contains("Events: 0 new, 29 already seen", second.Output, StringComparison.Ordinal);
        Assert.Contains("Alerts raised: 0. Deliveries: 0 delivered", second.Output, StringComparison.Ordinal);
        Assert.Equal(11, Directory.GetFiles(Path.Combine(Data, "outbox"), "*.eml").Length);
    }

    [Fact]
    public async Task Backtest_lists_the_alerts_in_order_and_sends_nothing()
    {
        var rules = await WriteAsync("rules.json", CatalogFiles.Valid(new Uri("https://hooks.example.com/desk")));
        var events = await WriteAsync("events.jsonl", string.Join('\n', SampleData.LoadDemoEvents().Select(e => JsonSerializer.Serialize(e, AlertsJsonContext.Default.MarketEvent))));

        var result = await AlertsProcess.RunAsync(_work, CatalogFiles.Environment(Data), "backtest", "--rules", rules, "--events", events);

        Assert.True(result.ExitCode == 0, result.ToString());
        var alertLines = result.Output.Split('\n').Where(l => l.StartsWith("2026-", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, alertLines.Count);
        Assert.Equal(alertLines.OrderBy(l => l, StringComparer.Ordinal), alertLines);
        Assert.Contains("above-450", alertLines[^1], StringComparison.Ordinal);
        Assert.Contains("6 alert(s) from 29 event(s) and 2 rule(s); nothing was sent.", result.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Data, "outbox")));
    }

    private async Task<string> WriteAsync(string name, string content)
    {
        var path = Path.Combine(_work, name);
        await File.WriteAllTextAsync(path, content);
        return path;
    }

    private async Task<int> CountRowsAsync(string table)
    {
        var store = await SqliteEntityStore.OpenAsync(Path.Combine(Data, "alerts.db"), CancellationToken.None);
        var count = 0;
        await foreach (var _ in store.QueryAsync(table, null, null, null, CancellationToken.None))
        {
            count++;
        }

        return count;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_work, recursive: true);
    }
}
