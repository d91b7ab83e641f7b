using System.Collections.Concurrent;
using Alerts.Core.Handlers;
using Alerts.Core.Model;
using Alerts.Hosting;
using Alerts.Sources.Feeds;
using Alerts.Sources.Hkex;
using Alerts.Storage;
using Alerts.Storage.Sqlite;
using Alerts.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Alerts.Host.Tests.Hosting;

/// <summary>
/// The HKEX IPO pipeline source polled as the drivers poll it, over a SQLite store that is closed and reopened between
/// polls: the snapshot baseline survives in the source status, so only the real change raises an event; the first-ever poll
/// announces only documents inside the configured look-back.
/// </summary>
public sealed class PipelineBaselineRestartTests : IDisposable
{
    private static readonly DateTimeOffset Morning = new(2026, 1, 12, 2, 0, 0, TimeSpan.Zero); // 10:00 in Hong Kong
    private readonly string _directory = Directory.CreateTempSubdirectory("alerts-baseline-").FullName;

    [Fact]
    public async Task A_restart_between_two_polls_raises_only_the_real_change()
    {
        var files = new ConcurrentDictionary<string, string>
        {
            ["appactive_app_sehk_e.json"] = List(
                Row(200001, Doc("Application Proof (1st submission)", "today.pdf", "12/01/2026")),
                Row(200002, Doc("Application Proof (1st submission)", "two-days-ago.pdf", "10/01/2026"))),
            ["appactive_appphip_sehk_e.json"] = List(),
            ["appinactive_sehk_e.json"] = List([.. Enumerable.Range(100001, 50).Select(id => Row(id, status: "LP"))]),
            ["applisted_sehk_e.json"] = List(),
        };
        await using var hkex = await LoopbackServer.StartAsync(async (request, context) =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(files[request.PathAndQuery.Split('/')[^1]]);
        });
        var options = new FeedSourceOptions
        {
            Name = "hkex-app", Kind = HkexAppSource.Kind, Url = hkex.Url("/ncms/json/eds/appactive_app_sehk_e.json"), Schedule = "0 */10 * * * *",
            LookBack = TimeSpan.FromDays(1),
        };
        var clock = new ManualTimeProvider(Morning);

        var first = await PollOnceAsync(options, clock);
        files["appinactive_sehk_e.json"] = List([.. Enumerable.Range(100001, 51).Select(id => Row(id, status: "LP"))]);
        clock.Advance(TimeSpan.FromMinutes(10));
        var second = await PollOnceAsync(options, clock);

        Assert.Equal(["hkex-app:200001:today.pdf"], first); // two days ago is inside the documents' window but before the look-back
        Assert.Equal(["hkex-app:100051:LP"], second);
    }

    /// <summary>One poll by a freshly started process: a new store connection, source and poller.</summary>
    private async Task<List<string>> PollOnceAsync(FeedSourceOptions options, TimeProvider clock)
    {
        var store = await AlertStore.CreateAsync(
            await SqliteEntityStore.OpenAsync(Path.Combine(_directory, "alerts.db"), new SqliteStoreOptions(), CancellationToken.None), CancellationToken.None);
        using var http = new HttpClient();
        var source = FeedSourceRegistry.Create(options, http, clock);
        var ingested = new List<string>();
        var poller = new SourcePoller(store.Sources, clock, NullLogger<SourcePoller>.Instance);

        var outcome = await poller.PollAsync(new ScheduledFeedSource(options, source), (marketEvent, _) =>
        {
            ingested.Add(marketEvent.Id);
            return Task.FromResult(new IngestResult(IngestOutcome.Accepted, new EvaluateMessage(marketEvent.Id)));
        }, CancellationToken.None);

        Assert.True(outcome.Error is null, outcome.ToString());
        return ingested;
    }

    private static string List(params string[] rows) => "{\"app\":[" + string.Join(",", rows) + "]}";

    private static string Row(int id, string docs = "", string status = "A") =>
        $$"""{"id":{{id}},"d":"12/01/2026","a":"Applicant {{id}} Limited","s":"{{status}}","ls":[{{docs}}],"ps":[]}""";

    private static string Doc(string form, string path, string date) => $$"""{"d":"{{date}}","nF":"{{form}}","u1":"{{path}}"}""";

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
