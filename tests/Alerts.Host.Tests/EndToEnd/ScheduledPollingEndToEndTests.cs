using System.Collections.Concurrent;
using Alerts.Sources.Samples;
using Alerts.Testing;

namespace Alerts.Host.Tests.EndToEnd;

/// <summary><c>alerts run</c> polling a feed on its schedule: filings found once are alerted once, however often the feed is re-read.</summary>
public sealed class ScheduledPollingEndToEndTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("alerts-poll-").FullName;

    [Fact]
    public async Task Run_polls_the_feed_every_tick_and_delivers_each_filing_once()
    {
        var feed = await File.ReadAllBytesAsync(SampleData.PathOf(SampleData.HkexLciEnglishFile));
        await using var hkex = await LoopbackServer.StartAsync(async (_, context) =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(feed);
        });
        var received = new ConcurrentBag<string>();
        await using var desk = await LoopbackServer.StartAsync(async (request, context) =>
        {
            received.Add(request.Header("webhook-id") ?? "missing");
            context.Response.StatusCode = 204;
            await Task.CompletedTask;
        });
        var environment = CatalogFiles.Environment(Path.Combine(_work, "data"));
        environment["Alerts__PollSources"] = "true";
        environment["Alerts__Sources__0__Name"] = "hkex-lci-en";
        environment["Alerts__Sources__0__Kind"] = "hkex-lci";
        environment["Alerts__Sources__0__Url"] = hkex.Url("/ncms/json/eds/lcisehk1relsde_1.json").ToString();
        environment["Alerts__Sources__0__Schedule"] = "* * * * * *";
        Assert.Equal(0, (await CatalogFiles.ImportValidAsync(_work, environment, desk.Url("/hooks/desk"))).ExitCode);

        await using var service = await RunningService.StartAsync(_work, environment);
        var outbox = Path.Combine(_work, "data", "outbox");
        await Eventually.HoldsAsync(() => hkex.Requests.Count >= 4 && received.Count >= 3 && Emails(outbox) >= 3, service.Process);
        await Task.Delay(500); // a duplicate would arrive right behind the last delivery

        // Zhipu's A-share plan and its tutoring completion, MiniMax's A-share plan; Tencent's results and others are not watched.
        Assert.True(hkex.Requests.Count >= 4, "the feed is polled every second");
        Assert.Equal(3, received.Count);
        Assert.Equal(3, received.Distinct().Count());
        Assert.Equal(3, Emails(outbox));
    }

    private static int Emails(string outbox) => Directory.Exists(outbox) ? Directory.GetFiles(outbox, "*.eml").Length : 0;

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
