using Alerts.Core.Model;
using Alerts.Core.Rules.Market;
using Alerts.Storage.Primitive;

namespace Alerts.Storage.Tests.Conformance;

/// <summary>Per-symbol price history on every backend: ticks roll days into stored closes and profiles, seeds merge, races are refused.</summary>
public abstract class MarketHistoryConformance
{
    private static readonly DateTimeOffset Ten = new(2026, 1, 8, 2, 0, 0, TimeSpan.Zero);

    protected abstract Task<IEntityStore> CreateEntityStoreAsync();

    private static CancellationToken None => CancellationToken.None;

    private async Task<AlertStore> CreateAsync() => await AlertStore.CreateAsync(await CreateEntityStoreAsync(), None);

    private static PriceTick Tick(string symbol, decimal price, DateTimeOffset at, long volume = 1_000, decimal previousClose = 0) =>
        new(symbol, price, previousClose, volume, at, "HKD", "quotes");

    [Fact]
    public async Task Ticks_over_two_days_leave_the_first_days_close_and_profile_and_the_second_days_quote()
    {
        var store = await CreateAsync();
        var service = new MarketHistoryService(store.MarketHistory);

        await service.ObserveAsync(Tick("2513.HK", 480m, Ten, 1_000_000, previousClose: 470m), None);
        await service.ObserveAsync(Tick("2513.HK", 496m, Ten.AddHours(5), 3_000_000), None);
        await service.ObserveAsync(Tick("2513.HK", 490m, Ten.AddDays(1), 500_000), None);

        var history = await service.LoadAsync("2513.HK", None);
        Assert.NotNull(history);
        Assert.NotNull(await service.LoadAsync("2513.hk", None));
        Assert.Equal([20260107, 20260108], history.Daily.Dates);
        Assert.Equal([470m, 496m], history.Daily.Closes);
        Assert.Equal(1_000_000, Assert.Single(history.Daily.Profiles).VolumeBy(40));
        Assert.Equal(new Quote("2513.HK", 490m, "HKD", Ten.AddDays(1)), history.Latest);
        Assert.Null(await service.LoadAsync("0700.HK", None));
    }

    [Fact]
    public async Task Seeding_merges_into_what_ticks_stored_and_reports_what_changed()
    {
        var store = await CreateAsync();
        var service = new MarketHistoryService(store.MarketHistory);
        await service.ObserveAsync(Tick("2513.HK", 480m, Ten, previousClose: 470m), None);

        var changed = await service.SeedAsync("2513.HK", [(new DateOnly(2026, 1, 6), 460m), (new DateOnly(2026, 1, 7), 470m)], None);

        Assert.Equal(1, changed);
        var history = await service.LoadAsync("2513.HK", None);
        Assert.Equal([460m, 470m], history!.Daily.Closes);
        Assert.Equal(480m, history.Latest!.Price);
        Assert.Equal(0, await service.SeedAsync("2513.HK", [(new DateOnly(2026, 1, 6), 460m)], None));
    }

    [Fact]
    public async Task A_save_with_a_stale_etag_loses_and_changes_nothing()
    {
        var store = await CreateAsync();
        var repository = store.MarketHistory;
        var first = new IntradayHistory { Day = new DateOnly(2026, 1, 8), Price = 1m };
        Assert.True(await repository.TrySaveIntradayAsync("2513.HK", first, null, None));
        Assert.False(await repository.TrySaveIntradayAsync("2513.HK", first, null, None));
        var read = await repository.GetIntradayAsync("2513.HK", None);

        Assert.True(await repository.TrySaveIntradayAsync("2513.HK", new IntradayHistory { Day = first.Day, Price = 2m }, read!.ETag, None));
        Assert.False(await repository.TrySaveIntradayAsync("2513.HK", new IntradayHistory { Day = first.Day, Price = 3m }, read.ETag, None));
        Assert.Equal(2m, (await repository.GetIntradayAsync("2513.HK", None))!.Value.Price);

        var daily = new DailyHistory();
        daily.SetClose(new DateOnly(2026, 1, 7), 470m);
        Assert.True(await repository.TrySaveDailyAsync("2513.HK", daily, null, None));
        Assert.False(await repository.TrySaveDailyAsync("2513.HK", daily, "W/\"stale\"", None));
    }

    [Fact]
    public async Task Concurrent_observers_of_one_symbol_lose_no_tick()
    {
        var store = await CreateAsync();
        var services = Enumerable.Range(0, 4).Select(_ => new MarketHistoryService(store.MarketHistory)).ToArray();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => services[i % services.Length].ObserveAsync(Tick("2513.HK", 100m + i, Ten.AddMinutes(i), 1_000 * (i + 1)), None))));

        var history = await services[0].LoadAsync("2513.HK", None);
        Assert.Equal(20, history!.Today!.Minutes.Count);
        Assert.Equal(119m, history.Latest!.Price);
        Assert.Equal(20_000, history.Today.Volume);
    }

    [Fact]
    public async Task Twenty_years_of_closes_fit_in_one_row()
    {
        var store = await CreateAsync();
        var service = new MarketHistoryService(store.MarketHistory);
        var closes = Enumerable.Range(0, 20 * 365).Select(d => new DateOnly(2006, 1, 2).AddDays(d))
            .Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            .Select((d, i) => (d, Math.Round(100m + (i % 977 / 7m), 3))).ToList();

        Assert.Equal(closes.Count, await service.SeedAsync("0700.HK", closes, None));
        var loaded = (await service.LoadAsync("0700.HK", None))!;
        Assert.Equal(closes.Select(c => c.Item2), loaded.Daily.Closes);
        Assert.Equal(closes[^1].Item1, loaded.CloseOnOrBefore(DateOnly.MaxValue)!.Value.Date);
    }
}
