using Alerts.Core.Ports;
using Alerts.Core.Rules.Market;

namespace Alerts.Storage.Repositories;

/// <summary>Per-symbol price history: partition = symbol, row "daily" (completed days) and row "today" (the current day).</summary>
internal sealed class MarketHistoryRepository(StoreTables tables) : IMarketHistoryRepository
{
    private const string DailyRow = "daily";
    private const string TodayRow = "today";

    public Task<Versioned<DailyHistory>?> GetDailyAsync(string symbol, CancellationToken cancellationToken) =>
        tables.MarketDaily.GetAsync(Partition(symbol), DailyRow, cancellationToken);

    public Task<Versioned<IntradayHistory>?> GetIntradayAsync(string symbol, CancellationToken cancellationToken) =>
        tables.MarketToday.GetAsync(Partition(symbol), TodayRow, cancellationToken);

    public async Task<bool> TrySaveDailyAsync(string symbol, DailyHistory daily, string? etag, CancellationToken cancellationToken) =>
        etag is null
            ? await tables.MarketDaily.TryInsertAsync(Partition(symbol), DailyRow, daily, cancellationToken)
            : await tables.MarketDaily.ReplaceAsync(Partition(symbol), DailyRow, daily, etag, cancellationToken) is not null;

    public async Task<bool> TrySaveIntradayAsync(string symbol, IntradayHistory today, string? etag, CancellationToken cancellationToken) =>
        etag is null
            ? await tables.MarketToday.TryInsertAsync(Partition(symbol), TodayRow, today, cancellationToken)
            : await tables.MarketToday.ReplaceAsync(Partition(symbol), TodayRow, today, etag, cancellationToken) is not null;

    private static string Partition(string symbol) => StoreTables.Key(symbol.ToUpperInvariant());
}
