using System.Diagnostics;
using Alerts.Sources.Feeds;
using Alerts.Sources.Samples;
using Alerts.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Sources.Tests.Feeds;

/// <summary>
/// Sources as the host builds them: 429/Retry-After and 5xx hold the host for every source on it; ETags; EDGAR's pace. An LCI
/// poll reads its English file, then its Chinese one (<c>…relsde_1.json</c>, <c>…relsdc_1.json</c>), through the same gate.
/// </summary>
public class PolitenessTests
{
    /// <summary>The sample page as a one-page file, so each poll reads one page per language.</summary>
    private static readonly byte[] Feed = System.Text.Encoding.UTF8.GetBytes(
        File.ReadAllText(SampleData.PathOf(SampleData.HkexLciEnglishFile)).Replace("\"maxNumOfFile\":9", "\"maxNumOfFile\":1", StringComparison.Ordinal));

    private static ServiceProvider Build(ManualTimeProvider clock, params FeedSourceOptions[] sources) =>
        new ServiceCollection().AddSingleton<TimeProvider>(clock).AddFeedSources(sources).BuildServiceProvider();

    private static FeedSourceOptions Lci(string name, LoopbackServer server, string path = "/ncms/json/eds/lcisehk1relsde_1.json") =>
        new() { Name = name, Kind = "hkex-lci", Url = server.Url(path) };

    private static IFeedSource Source(ServiceProvider provider, string name) =>
        provider.GetServices<ScheduledFeedSource>().Single(s => s.Options.Name == name).Source;

    [Fact]
    public async Task A_429_holds_the_host_for_its_retry_after_for_every_source_on_it()
    {
        var limited = true;
        await using var hkex = await LoopbackServer.StartAsync(async (_, context) =>
        {
            if (limited)
            {
                context.Response.StatusCode = 429;
                context.Response.Headers.RetryAfter = "120";
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(Feed);
        });
        var clock = new ManualTimeProvider(FeedTestKit.Now);
        await using var provider = Build(clock, Lci("en", hkex), Lci("zh", hkex, "/ncms/json/eds/lcisehk1relsdc_1.json"));

        var first = await Source(provider, "en").PollAsync(CancellationToken.None);
        limited = false;
        var other = await Source(provider, "zh").PollAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(119));
        var early = await Source(provider, "en").PollAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(2));
        var after = await Source(provider, "en").PollAsync(CancellationToken.None);

        Assert.Equal(FeedErrorKind.RateLimited, first.Error!.Kind);
        Assert.Equal(FeedErrorKind.RateLimited, other.Error!.Kind);
        Assert.Contains("not contacted until", other.Error.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(120), other.Error.RetryAfter);
        Assert.Equal(FeedErrorKind.RateLimited, early.Error!.Kind);
        Assert.True(after.Succeeded);
        // The 429 itself (the Chinese file of that poll was already held), then both files once the hold is over.
        Assert.Equal(["lcisehk1relsde_1.json", "lcisehk1relsde_1.json", "lcisehk1relsdc_1.json"], hkex.Requests.Select(r => r.PathAndQuery.Split('/')[^1]));
    }

    [Fact]
    public async Task Consecutive_5xx_back_off_doubling_and_a_success_resets_it()
    {
        var failing = true;
        await using var hkex = await LoopbackServer.StartAsync(async (_, context) =>
        {
            if (failing)
            {
                context.Response.StatusCode = 502;
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(Feed);
        });
        var clock = new ManualTimeProvider(FeedTestKit.Now);
        await using var provider = Build(clock, Lci("en", hkex));
        var source = Source(provider, "en");

        await source.PollAsync(CancellationToken.None);             // 502: held 30 s
        var held = await source.PollAsync(CancellationToken.None);  // not sent
        clock.Advance(TimeSpan.FromSeconds(31));
        await source.PollAsync(CancellationToken.None);             // 502 again: held 60 s
        clock.Advance(TimeSpan.FromSeconds(31));
        var stillHeld = await source.PollAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(30));
        failing = false;
        var recovered = await source.PollAsync(CancellationToken.None);
        failing = true;
        await source.PollAsync(CancellationToken.None);             // a new first failure: 30 s again
        clock.Advance(TimeSpan.FromSeconds(31));
        var afterReset = await source.PollAsync(CancellationToken.None);

        Assert.Equal(FeedErrorKind.ServerError, held.Error!.Kind);
        Assert.Contains("not contacted", held.Error.Message, StringComparison.Ordinal);
        Assert.Contains("not contacted", stillHeld.Error!.Message, StringComparison.Ordinal);
        Assert.True(recovered.Succeeded);
        Assert.Contains("HTTP 502", afterReset.Error!.Message, StringComparison.Ordinal);
        // Each failing poll sends its English file only (its 502 holds the host before the Chinese file); the recovery sends both.
        Assert.Equal(6, hkex.Requests.Count);
    }

    [Fact]
    public async Task A_failing_server_does_not_hold_another_server_on_the_same_machine()
    {
        await using var broken = await LoopbackServer.StartAsync(500, "upstream down");
        await using var healthy = await LoopbackServer.StartAsync(async (_, context) =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(Feed);
        });
        var clock = new ManualTimeProvider(FeedTestKit.Now);
        await using var provider = Build(clock, Lci("broken", broken), Lci("healthy", healthy));

        var failed = await Source(provider, "broken").PollAsync(CancellationToken.None);
        var read = await Source(provider, "healthy").PollAsync(CancellationToken.None);
        var heldAgain = await Source(provider, "broken").PollAsync(CancellationToken.None);

        Assert.False(failed.Succeeded);
        Assert.True(read.Succeeded, read.Error?.Message);
        Assert.NotEmpty(read.Events);
        Assert.Contains("not contacted until", heldAgain.Error!.Message, StringComparison.Ordinal);
        Assert.Single(broken.Requests);
    }

    [Fact]
    public async Task An_etag_is_sent_back_and_a_304_reads_as_the_same_feed()
    {
        await using var hkex = await LoopbackServer.StartAsync(async (request, context) =>
        {
            if (request.Header("If-None-Match") == "\"v1\"")
            {
                context.Response.StatusCode = 304;
                return;
            }

            context.Response.Headers.ETag = "\"v1\"";
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(Feed);
        });
        await using var provider = Build(new ManualTimeProvider(FeedTestKit.Now), Lci("en", hkex));
        var source = Source(provider, "en");

        var first = await source.PollAsync(CancellationToken.None);
        var second = await source.PollAsync(CancellationToken.None);

        Assert.Equal(4, hkex.Requests.Count); // each poll reads the English and the Chinese file, each with its own ETag
        Assert.All(hkex.Requests.Take(2), r => Assert.Null(r.Header("If-None-Match")));
        Assert.All(hkex.Requests.Skip(2), r => Assert.Equal("\"v1\"", r.Header("If-None-Match")));
        Assert.True(second.Succeeded);
        Assert.Equal(first.Events.Select(e => e.Id), second.Events.Select(e => e.Id));
    }

    [Fact]
    public async Task Edgar_requests_are_spaced_under_ten_a_second_across_sources()
    {
        await using var sec = await LoopbackServer.StartAsync(200, "<feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>", "application/atom+xml");
        var options = new FeedSourceOptions { Name = "a", Kind = "edgar-current", UserAgent = "Alerts Tests tests@alerts.example", MinInterval = TimeSpan.FromMilliseconds(125) };
        // Loopback has no sec.gov host, so both sources share the loopback host's turn as SEC's hosts share theirs.
        await using var provider = Build(new ManualTimeProvider(FeedTestKit.Now), options with { Url = sec.Url("/a") }, options with { Name = "b", Url = sec.Url("/b") });
        var watch = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Source(provider, i % 2 == 0 ? "a" : "b").PollAsync(CancellationToken.None)));

        Assert.Equal(6, sec.Requests.Count);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(5 * 125 - 20), $"6 requests took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task An_edgar_submissions_source_added_under_its_own_name_is_paced_for_sec_too()
    {
        var clock = Stopwatch.StartNew();
        var arrivals = new System.Collections.Concurrent.ConcurrentQueue<TimeSpan>();
        await using var sec = await LoopbackServer.StartAsync(async (_, context) =>
        {
            arrivals.Enqueue(clock.Elapsed);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"cik\":\"1\",\"filings\":{\"recent\":{\"accessionNumber\":[],\"form\":[],\"filingDate\":[],\"acceptanceDateTime\":[],\"primaryDocument\":[]}}}");
        });
        var options = new FeedSourceOptions
        {
            Name = "my-filers", Kind = "edgar-submissions", Url = sec.Url("/submissions/"), UserAgent = "Alerts Tests tests@alerts.example",
            Symbols = ["1", "2", "3", "4", "5"], // no MinInterval given
        };
        await using var provider = Build(new ManualTimeProvider(FeedTestKit.Now), options);

        var poll = await Source(provider, "my-filers").PollAsync(CancellationToken.None);

        Assert.True(poll.Succeeded, poll.Error?.ToString());
        var times = arrivals.ToArray();
        Assert.Equal(5, times.Length);
        Assert.All(times.Zip(times.Skip(1), (a, b) => b - a), gap => Assert.True(gap >= TimeSpan.FromMilliseconds(100), $"requests {gap.TotalMilliseconds} ms apart"));
    }
}
