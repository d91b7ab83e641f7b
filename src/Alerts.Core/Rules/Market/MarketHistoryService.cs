using Alerts.Core.Model;
using Alerts.Core.Ports;

namespace Alerts.Core.Rules.Market;

/// <summary>
/// Keeps the stored symbol histories up to date from ticks and loads them for evaluation. Every write is conditional on the ETag
/// read; a lost race re-reads and re-applies the tick, which is safe because observing a tick is idempotent.
/// </summary>
public sealed class MarketHistoryService(IMarketHistoryRepository repository)
{
    private const int Attempts = 32;

    /// <summary>
    /// Many writers on one symbol (scaled-out evaluators) would otherwise retry in lockstep and the same ones keep losing: each
    /// lost race waits a random moment, up to 32 ms as losses mount.
    /// </summary>
    private static Task AfterLostRaceAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1 << Math.Min(attempt + 1, 5))), cancellationToken);

    public async Task<SymbolHistory> ObserveAsync(PriceTick tick, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tick);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var (daily, today) = await ReadAsync(tick.Symbol, cancellationToken);
            var history = new SymbolHistory(tick.Symbol, daily?.Value, today?.Value);
            var (dailyChanged, todayChanged) = history.Observe(tick);
            if ((dailyChanged && !await repository.TrySaveDailyAsync(tick.Symbol, history.Daily, daily?.ETag, cancellationToken))
                || (todayChanged && !await repository.TrySaveIntradayAsync(tick.Symbol, history.Today!, today?.ETag, cancellationToken)))
            {
                await AfterLostRaceAsync(attempt, cancellationToken);
                continue;
            }

            return history;
        }

        throw new InvalidOperationException($"The price history of {tick.Symbol} kept changing under evaluation; the event will be retried.");
    }

    public async Task<SymbolHistory?> LoadAsync(string symbol, CancellationToken cancellationToken)
    {
        var (daily, today) = await ReadAsync(symbol, cancellationToken);
        return daily is null && today is null ? null : new SymbolHistory(symbol, daily?.Value, today?.Value);
    }

    /// <summary>Merges daily closes (from a quote source's daily data or a file) into the stored history; returns how many were new or changed.</summary>
    public async Task<int> SeedAsync(string symbol, IReadOnlyList<(DateOnly Date, decimal Close)> closes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(closes);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var stored = await repository.GetDailyAsync(symbol, cancellationToken);
            var daily = stored?.Value ?? new DailyHistory();
            var changed = closes.Count(c => c.Close > 0 && daily.SetClose(c.Date, c.Close));
            daily.SeedProblem = changed > 0 ? null : daily.SeedProblem; // closes arrived: an earlier failure no longer holds
            if (changed == 0 || await repository.TrySaveDailyAsync(symbol, daily, stored?.ETag, cancellationToken))
            {
                return changed;
            }

            await AfterLostRaceAsync(attempt, cancellationToken);
        }

        throw new InvalidOperationException($"The price history of {symbol} kept changing while seeding it.");
    }

    /// <summary>Records why seeding a symbol's closes failed (null clears it), so rules held back for want of closes can say why.</summary>
    public async Task NoteSeedProblemAsync(string symbol, string? problem, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var stored = await repository.GetDailyAsync(symbol, cancellationToken);
            var daily = stored?.Value ?? new DailyHistory();
            if (daily.SeedProblem == problem)
            {
                return;
            }

            daily.SeedProblem = problem;
            if (await repository.TrySaveDailyAsync(symbol, daily, stored?.ETag, cancellationToken))
            {
                return;
            }
        }

        throw new InvalidOperationException($"The price history of {symbol} kept changing while noting a seeding problem.");
    }

    private async Task<(Versioned<DailyHistory>? Daily, Versioned<IntradayHistory>? Today)> ReadAsync(string symbol, CancellationToken cancellationToken)
    {
        var daily = await repository.GetDailyAsync(symbol, cancellationToken);
        var today = await repository.GetIntradayAsync(symbol, cancellationToken);
        return (daily, today);
    }
}
