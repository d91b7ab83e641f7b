using Alerts.Core.Companies;
using Alerts.Core.Ports;
using Alerts.Core.Rules;
using Alerts.Core.Rules.Market;
using Alerts.Core.Tests.Handlers;
using Alerts.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using static Alerts.Core.Tests.Rules.Market.MarketTestData;

namespace Alerts.Core.Tests.Rules.Market;

/// <summary>Day-window rules on symbols with too little stored history get it seeded once from a daily-close source, beside evaluation.</summary>
public sealed class HistoryBackfillTests
{
    /// <summary>A daily-close source that answers one close per weekday of the asked range, or fails for the symbols told to.</summary>
    private sealed class FakeCloses(params string[] failing) : IDailyCloseSource
    {
        public List<(string Symbol, DateOnly From, DateOnly To)> Asked { get; } = [];

        public HashSet<string> Failing { get; } = [.. failing];

        public string Name => "fake-daily";

        public bool Serves(string symbol) => !symbol.EndsWith("=X", StringComparison.Ordinal);

        public Task<IReadOnlyList<DailyClose>> GetDailyClosesAsync(string symbol, DateOnly from, DateOnly to, CancellationToken cancellationToken)
        {
            Asked.Add((symbol, from, to));
            if (Failing.Contains(symbol))
            {
                throw new HttpRequestException($"fake-daily: {symbol}: 429 Too Many Requests");
            }

            var start = from < to.AddDays(-400) ? to.AddDays(-400) : from;
            var days = Enumerable.Range(0, to.DayNumber - start.DayNumber + 1).Select(start.AddDays)
                .Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
            return Task.FromResult<IReadOnlyList<DailyClose>>([.. days.Select(d => new DailyClose(symbol, d, 100m))]);
        }
    }

    private static async Task<(HistoryBackfill Backfill, MarketHistoryService History, ManualTimeProvider Time, Pipeline Pipeline)> CreateAsync(FakeCloses source)
    {
        var pipeline = await Pipeline.CreateAsync();
        var history = new MarketHistoryService(pipeline.Store.MarketHistory);
        var time = new ManualTimeProvider(Ten);
        return (new HistoryBackfill(history, new HistorySeeder(history, [source]), time, NullLogger<HistoryBackfill>.Instance), history, time, pipeline);
    }

    private static RuleBook Book(params Rule[] rules) => RuleBook.Build(rules, [], new CompanyDirectory([ZhipuAh]));

    [Fact]
    public async Task A_52_week_rule_on_a_symbol_without_history_is_seeded_once_for_both_listings()
    {
        var source = new FakeCloses();
        var (backfill, history, _, pipeline) = await CreateAsync(source);
        await using var _p = pipeline;
        var book = Book(NewHigh(HistoryWindow.Weeks52));

        var first = await backfill.RunAsync(book, CancellationToken.None);
        var second = await backfill.RunAsync(book, CancellationToken.None);

        Assert.Equal([H, A], first.Select(r => r.Symbol).Order(StringComparer.Ordinal));
        Assert.All(first, r => Assert.Equal(("fake-daily", null), (r.Source, r.Problem)));
        Assert.All(source.Asked, a => Assert.Equal((new DateOnly(2025, 1, 9), new DateOnly(2026, 1, 7)), (a.From, a.To)));
        Assert.Empty(second);
        Assert.Equal(2, source.Asked.Count);
        Assert.Equal(new DateOnly(2026, 1, 7), DailyHistory.FromNumber((await history.LoadAsync(H, CancellationToken.None))!.Daily.Dates[^1]));
    }

    [Fact]
    public async Task Enough_stored_history_is_not_asked_for_and_a_longer_window_asks_again()
    {
        var source = new FakeCloses();
        var (backfill, history, _, pipeline) = await CreateAsync(source);
        await using var _p = pipeline;
        foreach (var symbol in new[] { H, A })
        {
            await history.SeedAsync(symbol, [(new DateOnly(2025, 12, 1), 90m), (new DateOnly(2026, 1, 7), 95m)], CancellationToken.None);
        }

        var checkedOnly = await backfill.RunAsync(Book(NewHigh(HistoryWindow.TradingDays, days: 20)), CancellationToken.None);
        var longer = await backfill.RunAsync(Book(Move(10, days: 60)), CancellationToken.None);

        Assert.All(checkedOnly, r => Assert.Null(r.Source));
        Assert.Equal(2, longer.Count(r => r.Source == "fake-daily"));
        Assert.All(source.Asked, a => Assert.True(a.From < new DateOnly(2025, 12, 1)));
    }

    [Fact]
    public async Task An_all_time_rule_is_not_satisfied_by_the_one_close_the_first_tick_stores()
    {
        var source = new FakeCloses();
        var (backfill, history, time, pipeline) = await CreateAsync(source);
        await using var _p = pipeline;
        await history.ObserveAsync(new Alerts.Core.Model.PriceTick(H, 480m, 470m, 1_000, time.GetUtcNow(), "HKD", "quotes"), CancellationToken.None);

        var results = await backfill.RunAsync(Book(NewHigh(HistoryWindow.AllTime)), CancellationToken.None);

        Assert.Equal("fake-daily", results.Single(r => r.Symbol == H).Source);
        Assert.True((await history.LoadAsync(H, CancellationToken.None))!.Daily.Dates.Count > 200);
    }

    [Fact]
    public async Task A_failure_is_a_visible_result_the_other_symbols_are_still_seeded_and_it_is_retried_an_hour_later()
    {
        var source = new FakeCloses(failing: H);
        var (backfill, _, time, pipeline) = await CreateAsync(source);
        await using var _p = pipeline;
        var book = Book(NewHigh(HistoryWindow.AllTime));

        var first = await backfill.RunAsync(book, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(59));
        var soon = await backfill.RunAsync(book, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(2));
        var later = await backfill.RunAsync(book, CancellationToken.None);

        Assert.Contains("429", first.Single(r => r.Symbol == H).Problem, StringComparison.Ordinal);
        Assert.Null(first.Single(r => r.Symbol == A).Problem);
        Assert.Contains("429", backfill.Results[H].Problem, StringComparison.Ordinal);
        Assert.Empty(soon);
        Assert.Equal(H, Assert.Single(later).Symbol);
    }

    [Fact]
    public async Task Minute_windows_other_rule_kinds_and_rules_on_every_company_seed_nothing()
    {
        var source = new FakeCloses();
        var (backfill, _, _, pipeline) = await CreateAsync(source);
        await using var _p = pipeline;
        var anyCompany = NewHigh(HistoryWindow.Weeks52) with { Id = "any", Companies = CompanyScope.AnyCompany };

        var results = await backfill.RunAsync(Book(Move(5, minutes: 15), Spike(3), anyCompany), CancellationToken.None);

        Assert.Empty(results);
        Assert.Empty(source.Asked);
    }

    [Fact]
    public async Task A_rule_held_back_for_want_of_closes_says_that_seeding_them_failed_until_a_retry_succeeds()
    {
        var source = new FakeCloses(failing: H);
        var (backfill, history, time, pipeline) = await CreateAsync(source);
        await using var _p = pipeline;
        var book = Book(NewHigh(HistoryWindow.Weeks52));
        await backfill.RunAsync(book, CancellationToken.None);

        async Task<FiringDecision> DecideAsync()
        {
            var tick = new Alerts.Core.Model.PriceTick(H, 500m, 0m, 1_000, time.GetUtcNow(), "HKD", "quotes");
            var market = new MarketMemory();
            market.Add(await history.ObserveAsync(tick, CancellationToken.None));
            var marketEvent = Alerts.Core.Model.MarketEvent.Of(tick);
            return RuleFiring.Decide(book.Match(marketEvent)[0], null, marketEvent, market);
        }

        var failed = await DecideAsync();
        source.Failing.Clear();
        time.Advance(HistoryBackfill.RetryFailedAfter);
        await backfill.RunAsync(book, CancellationToken.None);
        var seeded = await DecideAsync();

        Assert.True(failed.HeldBack);
        Assert.Equal("held back: no stored closes of 2513.HK in the 52-week window (seeding its closes failed: fake-daily: 2513.HK: 429 Too Many Requests)", failed.Reason);
        Assert.False(seeded.HeldBack);
        Assert.Null((await history.LoadAsync(H, CancellationToken.None))!.Daily.SeedProblem);
    }
}
