using Alerts.Sources.Edgar;
using Alerts.Sources.Feeds;
using Alerts.Testing;
using Microsoft.AspNetCore.Http;
using static Alerts.Sources.Tests.Feeds.FeedTestKit;

namespace Alerts.Sources.Tests.Edgar;

/// <summary>The submissions source polls the CIKs the rules watch, read again on every poll, plus the configured ones.</summary>
public class EdgarWatchedCiksTests
{
    private static readonly ManualTimeProvider Clock = new(new DateTimeOffset(2026, 9, 2, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Each_poll_fetches_the_watched_ciks_and_the_configured_ones_once_each()
    {
        await using var server = await LoopbackServer.StartAsync(async (_, context) =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(Fixture.Text("edgar-submissions.json"));
        });
        using var http = Http();
        var watched = new WatchedCiks("0001045810");
        var source = new EdgarSubmissionsSource(http, Options(server.Url("/submissions/"), "CIK320193", "0001045810"), Clock, watched);

        await source.PollAsync(CancellationToken.None);
        watched.Ciks = ["0001045810", "0002000001"]; // a new rule on another filer
        await source.PollAsync(CancellationToken.None);

        Assert.Equal(
            [
                "/submissions/CIK0000320193.json", "/submissions/CIK0001045810.json",
                "/submissions/CIK0000320193.json", "/submissions/CIK0001045810.json", "/submissions/CIK0002000001.json",
            ],
            server.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task With_no_cik_to_poll_nothing_is_sent_and_the_poll_succeeds()
    {
        await using var server = await LoopbackServer.StartAsync(200);
        using var http = Http();
        var source = new EdgarSubmissionsSource(http, Options(server.Url("/submissions/")), Clock, new WatchedCiks());

        var poll = await source.PollAsync(CancellationToken.None);

        Assert.True(poll.Succeeded);
        Assert.Empty(poll.Events);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task The_registry_hands_the_source_the_hosts_ciks()
    {
        using var http = Http();
        var options = Options(new Uri("http://127.0.0.1:9/submissions/"));

        var source = (EdgarSubmissionsSource)FeedSourceRegistry.Create(options, http, Clock, ciks: new WatchedCiks("CIK0000000042"));

        Assert.Equal(["0000000042"], await source.CiksAsync(CancellationToken.None));
    }

    private static FeedSourceOptions Options(Uri url, params string[] ciks) => new()
    {
        Name = "edgar-submissions-test",
        Kind = EdgarSubmissionsSource.Kind,
        Url = url,
        Symbols = ciks,
        UserAgent = "Alerts Tests tests@alerts.example",
    };

    private sealed class WatchedCiks(params string[] ciks) : IFilerCiks
    {
        public IReadOnlyCollection<string> Ciks { get; set; } = ciks;

        public ValueTask<IReadOnlyCollection<string>> CurrentAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Ciks);
    }
}
