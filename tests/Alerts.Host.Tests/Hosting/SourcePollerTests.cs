using Alerts.Core.Handlers;
using Alerts.Core.Model;
using Alerts.Core.Ports;
using Alerts.Hosting;
using Alerts.Sources.Feeds;
using Alerts.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Alerts.Host.Tests.Hosting;

/// <summary>Every poll leaves a status; a cold start reads history without alerting it.</summary>
public class SourcePollerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 2, 0, 0, TimeSpan.Zero);

    private static readonly FeedSourceOptions Options = new() { Name = "feed", Kind = "hkex-lci", Schedule = "0 */2 * * * *", LookBack = TimeSpan.FromHours(6) };

    private static MarketEvent At(string id, DateTimeOffset time) =>
        MarketEvent.Of(new PriceTick(id, 10m, 9m, 1, time, "HKD", "test"));

    [Fact]
    public async Task A_cold_start_ingests_only_what_is_newer_than_its_look_back_and_keeps_that_floor()
    {
        var clock = new ManualTimeProvider(Now);
        var statuses = new Statuses();
        var source = new ScriptedSource(new FeedPoll("feed", [At("old.HK", Now.AddDays(-3)), At("new.HK", Now.AddHours(-1))], [], null));
        var ingested = new List<string>();
        var poller = new SourcePoller(statuses, clock, NullLogger<SourcePoller>.Instance);

        var first = await poller.PollAsync(new ScheduledFeedSource(Options, source), Ingest(ingested), CancellationToken.None);
        clock.Advance(TimeSpan.FromDays(2));
        source.Next = new FeedPoll("feed", [At("old.HK", Now.AddDays(-3)), At("later.HK", Now.AddDays(1))], [], null);
        await poller.PollAsync(new ScheduledFeedSource(Options, source), Ingest(ingested), CancellationToken.None);

        Assert.Equal(1, first.History);
        Assert.Equal(["new.HK", "later.HK"], ingested);
        var status = statuses.Rows["feed"];
        Assert.Equal(Now.AddHours(-6), status.Since);
        Assert.Equal((2, 1, Now.AddDays(2)), (status.RowsRead, status.NewEvents, status.LastSuccessAt!.Value));
        Assert.Equal(Now.AddDays(2).AddMinutes(2), status.NextPollAt);
    }

    [Fact]
    public async Task A_failure_is_recorded_with_the_next_poll_after_the_hosts_retry_after_and_kept_after_recovery()
    {
        var clock = new ManualTimeProvider(Now);
        var statuses = new Statuses();
        var source = new ScriptedSource(FeedPoll.Failed("feed", new FeedError(FeedErrorKind.RateLimited, "example.test: HTTP 429", 429, TimeSpan.FromMinutes(5))));
        var poller = new SourcePoller(statuses, clock, NullLogger<SourcePoller>.Instance);

        await poller.PollAsync(new ScheduledFeedSource(Options, source), Ingest([]), CancellationToken.None);
        var failed = statuses.Rows["feed"];
        clock.Advance(TimeSpan.FromMinutes(6));
        source.Next = new FeedPoll("feed", [At("a.HK", Now)], [], null);
        await poller.PollAsync(new ScheduledFeedSource(Options, source), Ingest([]), CancellationToken.None);
        var recovered = statuses.Rows["feed"];

        Assert.Equal((1, Now, (DateTimeOffset?)null), (failed.ConsecutiveFailures, failed.LastPollAt!.Value, failed.LastSuccessAt));
        Assert.Contains("HTTP 429", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(Now.AddMinutes(6), failed.NextPollAt);
        Assert.Equal(0, recovered.ConsecutiveFailures);
        Assert.Equal(failed.LastError, recovered.LastError);
        Assert.Equal(Now.AddMinutes(6), recovered.LastSuccessAt);
    }

    private static Func<MarketEvent, CancellationToken, Task<IngestResult>> Ingest(List<string> ingested) => (marketEvent, _) =>
    {
        ingested.Add(marketEvent.Tick!.Symbol);
        return Task.FromResult(new IngestResult(IngestOutcome.Accepted, new EvaluateMessage(marketEvent.Id)));
    };

    [Fact]
    public async Task A_retry_after_holds_the_source_across_a_restart()
    {
        var clock = new ManualTimeProvider(Now);
        var statuses = new Statuses();
        var source = new ScriptedSource(FeedPoll.Failed("feed", new FeedError(FeedErrorKind.RateLimited, "example.test: HTTP 429", 429, TimeSpan.FromMinutes(5))));
        await new SourcePoller(statuses, clock, NullLogger<SourcePoller>.Instance).PollAsync(new ScheduledFeedSource(Options, source), Ingest([]), CancellationToken.None);

        clock.Advance(TimeSpan.FromMinutes(2));
        var restarted = new SourcePoller(statuses, clock, NullLogger<SourcePoller>.Instance);
        var held = await restarted.PollAsync(new ScheduledFeedSource(Options, source), Ingest([]), CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(3));
        source.Next = new FeedPoll("feed", [], [], null);
        var resumed = await restarted.PollAsync(new ScheduledFeedSource(Options, source), Ingest([]), CancellationToken.None);

        Assert.Equal(2, source.Calls);
        Assert.Equal(FeedErrorKind.RateLimited, held.Error!.Kind);
        Assert.Equal(TimeSpan.FromMinutes(3), held.Error.RetryAfter);
        Assert.True(resumed.Error is null);
        Assert.Null(statuses.Rows["feed"].HeldUntil);
    }

    private sealed class ScriptedSource(FeedPoll first) : IFeedSource
    {
        public FeedPoll Next { get; set; } = first;

        public int Calls { get; private set; }

        public string Name => "feed";

        public Task<FeedPoll> PollAsync(CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(Next);
        }
    }

    private sealed class Statuses : ISourceStatusRepository
    {
        public Dictionary<string, SourceStatus> Rows { get; } = [];

        public Task<SourceStatus?> GetAsync(string source, CancellationToken cancellationToken) => Task.FromResult(Rows.GetValueOrDefault(source));

        public Task SaveAsync(SourceStatus status, CancellationToken cancellationToken)
        {
            Rows[status.Source] = status;
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<SourceStatus>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<SourceStatus>>([.. Rows.Values]);
    }
}
