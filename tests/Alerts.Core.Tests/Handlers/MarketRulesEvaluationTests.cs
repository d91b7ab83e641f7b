using Alerts.Core.Model;
using Alerts.Core.Rules;
using Alerts.Core.Rules.Market;
using Alerts.Core.Tests.Rules.Market;
using static Alerts.Core.Tests.Rules.Market.MarketTestData;

namespace Alerts.Core.Tests.Handlers;

/// <summary>
/// The market rules evaluated live (ticks ingested one by one, histories in the store) and in a backtest over the same recorded
/// history (histories in memory) decide the same alerts, with the same words.
/// </summary>
public sealed class MarketRulesEvaluationTests
{
    private static readonly (DateOnly Date, decimal Close)[] SeededCloses = [(new DateOnly(2026, 1, 5), 470m), (new DateOnly(2026, 1, 6), 480m)];

    private static Rule[] Rules() =>
    [
        Spread(35m) with { Id = "ah-35" },
        Spread(movePoints: 2m) with { Id = "ah-moves" },
        NewHigh() with { Id = "record" },
        Move(3, minutes: 10, direction: MoveDirection.Up) with { Id = "jump" },
        Spike(2) with { Id = "spike" },
    ];

    /// <summary>Two sessions of Zhipu's two listings and the rate, with a gap that leaves the H-share stale.</summary>
    private static List<MarketEvent> Recorded()
    {
        var events = new List<MarketEvent>();
        void Add(string symbol, decimal price, DateTimeOffset at, long volume = 1_000, string currency = "HKD") =>
            events.Add(MarketEvent.Of(new PriceTick(symbol, price, 0, volume, at, currency, "quotes")));

        var wednesday = Ten.AddDays(-1);
        Add(H, 480m, wednesday, 1_000_000);
        Add(Fx, 0.92m, wednesday);
        Add(A, 575m, wednesday.AddMinutes(1), 500_000, "CNY");          // premium 30.2%: the reference for "moves"
        Add(H, 479m, wednesday.AddHours(5), 2_000_000);                 // Wednesday closes at 479, under the record 480

        Add(Fx, 0.92m, Ten);
        Add(H, 485m, Ten, 1_500_000);                                    // above every close: a new high
        Add(A, 605m, Ten.AddMinutes(1), 900_000, "CNY");                 // premium 35.6%: crosses 35, moved 5.4 points; A above Wednesday's close
        Add(H, 496m, Ten.AddMinutes(5), 2_600_000);                      // premium 32.6% (moved −3.0), volume 2.6× Wednesday's by 10:00
        Add(H, 500m, Ten.AddMinutes(9), 2_700_000);                      // +3.1% within 10 minutes of 485
        Add(A, 640m, Ten.AddMinutes(40), 1_200_000, "CNY");              // the H-share quote is 31 minutes old: held back; A volume 2.4×
        return events;
    }

    [Fact]
    public async Task Live_evaluation_and_the_backtest_of_the_same_history_raise_the_same_alerts()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        await pipeline.Store.Companies.UpsertAsync(ZhipuAh, CancellationToken.None);
        foreach (var rule in Rules())
        {
            await pipeline.AddRuleAsync(rule, Pipeline.WebhookChannel());
        }

        await new MarketHistoryService(pipeline.Store.MarketHistory).SeedAsync(H, SeededCloses, CancellationToken.None);
        var live = new List<Alert>();
        foreach (var marketEvent in Recorded().OrderBy(e => e.OccurredAt))
        {
            live.AddRange((await pipeline.IngestAndEvaluateAsync(marketEvent)).Alerts);
        }

        var memory = new MarketMemory();
        memory.Seed(H, SeededCloses);
        var backtest = Backtest.Explain(RuleBook.Build(Rules(), [], new Alerts.Core.Companies.CompanyDirectory([ZhipuAh])), Recorded(), memory);

        Assert.Equal(backtest.Alerts.Select(a => (a.Id, a.RuleId, a.Headline)), live.Select(a => (a.Id, a.RuleId, a.Headline)));
        Assert.Equal(["record", "ah-35", "ah-moves", "record", "ah-moves", "spike", "jump", "spike"], live.Select(a => a.RuleId));
        Assert.Contains(live, a => a.Headline == "Zhipu (688999.SS) A-share premium 35.6% (threshold 35%): 688999.SS CNY 605.00 vs 2513.HK HKD 485.00 at 0.92");
        Assert.Contains(backtest.HeldBack, n => n.RuleId == "ah-35" && n.Reason.Contains("the quote of 2513.HK", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_standalone_drivers_batches_raise_the_same_market_alerts_as_one_event_at_a_time()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        await pipeline.Store.Companies.UpsertAsync(ZhipuAh, CancellationToken.None);
        foreach (var rule in Rules())
        {
            await pipeline.AddRuleAsync(rule, Pipeline.WebhookChannel());
        }

        await new MarketHistoryService(pipeline.Store.MarketHistory).SeedAsync(H, SeededCloses, CancellationToken.None);
        var batch = new List<(Alerts.Core.Handlers.EvaluateMessage, MarketEvent?)>();
        foreach (var marketEvent in Recorded().OrderBy(e => e.OccurredAt))
        {
            batch.Add(((await pipeline.Ingest.HandleAsync(marketEvent, CancellationToken.None)).Message!, marketEvent));
        }

        // One batch, one SQLite transaction: the ticks' history is recorded outside it, in order, and nothing waits on itself.
        var results = await pipeline.Evaluate.HandleBatchAsync(batch, pipeline.Store.Transactions, CancellationToken.None);

        Assert.Equal(["record", "ah-35", "ah-moves", "record", "ah-moves", "spike", "jump", "spike"], results.SelectMany(r => r.Alerts).Select(a => a.RuleId));
    }

    [Fact]
    public async Task Evaluating_a_tick_again_raises_nothing_new_and_keeps_the_history()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        await pipeline.Store.Companies.UpsertAsync(ZhipuAh, CancellationToken.None);
        await pipeline.AddRuleAsync(NewHigh() with { Id = "record" }, Pipeline.WebhookChannel());
        await new MarketHistoryService(pipeline.Store.MarketHistory).SeedAsync(H, SeededCloses, CancellationToken.None);
        var tick = MarketEvent.Of(new PriceTick(H, 485m, 0, 1, Ten, "HKD", "quotes"));

        var first = await pipeline.IngestAndEvaluateAsync(tick);
        var again = await pipeline.Evaluate.HandleAsync(tick, CancellationToken.None);

        Assert.Single(first.Alerts);
        Assert.Equal(first.Alerts[0].Id, Assert.Single(again.Alerts).Id);
        Assert.Single(await pipeline.Store.Alerts.ListAsync(TestData.Tenant, CancellationToken.None));
        var history = await new MarketHistoryService(pipeline.Store.MarketHistory).LoadAsync(H, CancellationToken.None);
        Assert.Equal([470m, 480m], history!.Daily.Closes);
        Assert.Equal(485m, history.Latest!.Price);
    }
}
