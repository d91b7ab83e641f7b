using Alerts.Sources.Samples;
using Alerts.Testing;

namespace Alerts.Host.Tests.EndToEnd;

/// <summary><c>alerts sources parse</c> and <c>alerts sources check</c> through the real executable.</summary>
public sealed class SourcesCommandEndToEndTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("alerts-sources-").FullName;

    [Fact]
    public async Task A_saved_payload_is_printed_as_events_that_replay_reads()
    {
        var environment = CatalogFiles.Environment(Path.Combine(_work, "data"));
        var saved = Path.Combine(_work, SampleData.HkexLciEnglishFile);
        File.Copy(SampleData.PathOf(SampleData.HkexLciEnglishFile), saved);

        var parsed = await AlertsProcess.RunAsync(_work, environment, "sources", "parse", "hkex-lci", saved);
        var events = Path.Combine(_work, "events.jsonl");
        await File.WriteAllTextAsync(events, parsed.Output);
        var replayed = await AlertsProcess.RunAsync(_work, environment, "replay", events);

        Assert.True(parsed.ExitCode == 0, parsed.ToString());
        var lines = parsed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.StartsWith("{", line, StringComparison.Ordinal));
        Assert.Contains($"{lines.Length} event(s)", parsed.Errors, StringComparison.Ordinal);
        Assert.True(replayed.ExitCode == 0, replayed.ToString());
        Assert.DoesNotContain("line 1:", replayed.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parse_names_the_known_kinds_for_an_unknown_one_and_the_source_for_a_mislabelled_file()
    {
        var environment = CatalogFiles.Environment(Path.Combine(_work, "data"));
        var garbled = Path.Combine(_work, "lcisehk1relsdc_1.json");
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        await File.WriteAllBytesAsync(garbled, System.Text.Encoding.GetEncoding("big5").GetBytes("""{"newsInfoLst":[{"newsId":1,"title":"智譜"}]}"""));

        var unknown = await AlertsProcess.RunAsync(_work, environment, "sources", "parse", "nasdaq", garbled);
        var mislabelled = await AlertsProcess.RunAsync(_work, environment, "sources", "parse", "hkex-lci", garbled);

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("tencent-quotes", unknown.Errors, StringComparison.Ordinal);
        Assert.Equal(1, mislabelled.ExitCode);
        Assert.Contains("hkex-lci lcisehk1relsdc_1.json", mislabelled.Errors, StringComparison.Ordinal);
        Assert.Contains("does not decode as utf-8", mislabelled.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_probes_each_enabled_source_and_reports_failures()
    {
        var feed = await File.ReadAllBytesAsync(SampleData.PathOf(SampleData.HkexLciEnglishFile));
        await using var hkex = await LoopbackServer.StartAsync(async (_, context) =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(feed);
        });
        await using var tencent = await LoopbackServer.StartAsync(async (_, context) =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "30";
            await Task.CompletedTask;
        });
        var environment = CatalogFiles.Environment(Path.Combine(_work, "data"));
        environment["Alerts__Sources__0__Name"] = "hkex";
        environment["Alerts__Sources__0__Kind"] = "hkex-lci";
        environment["Alerts__Sources__0__Url"] = hkex.Url("/ncms/json/eds/lcisehk1relsde_1.json").ToString();
        environment["Alerts__Sources__1__Name"] = "quotes";
        environment["Alerts__Sources__1__Kind"] = "tencent-quotes";
        environment["Alerts__Sources__1__Url"] = tencent.Url("/").ToString();
        environment["Alerts__Sources__2__Name"] = "off";
        environment["Alerts__Sources__2__Kind"] = "csrc-tutoring";
        environment["Alerts__Sources__2__Enabled"] = "false";

        var check = await AlertsProcess.RunAsync(_work, environment, "sources", "check", "--symbol", "2513.HK");

        Assert.Equal(1, check.ExitCode);
        var lines = check.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^hkex\s+\d+ ms\s+ok\s+6 row\(s\)", lines.Single(l => l.StartsWith("hkex", StringComparison.Ordinal)));
        Assert.Contains("FAILED  RateLimited", lines.Single(l => l.StartsWith("quotes", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal("/q=r_hk02513", Assert.Single(tencent.Requests).PathAndQuery);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
