using Alerts.Core.Rules.Market;

namespace Alerts.Core.Ports;

/// <summary>
/// Per-symbol price history for the market rules, in two rows per symbol: the completed days (changes once a day) and the
/// current day (changes with every tick). Saves are conditional on the ETag read, like rule state.
/// </summary>
public interface IMarketHistoryRepository
{
    Task<Versioned<DailyHistory>?> GetDailyAsync(string symbol, CancellationToken cancellationToken);

    Task<Versioned<IntradayHistory>?> GetIntradayAsync(string symbol, CancellationToken cancellationToken);

    /// <summary>Insert when <paramref name="etag"/> is null, else replace only if it still matches. False on a lost race.</summary>
    Task<bool> TrySaveDailyAsync(string symbol, DailyHistory daily, string? etag, CancellationToken cancellationToken);

    /// <summary>Insert when <paramref name="etag"/> is null, else replace only if it still matches. False on a lost race.</summary>
    Task<bool> TrySaveIntradayAsync(string symbol, IntradayHistory today, string? etag, CancellationToken cancellationToken);
}
