using Alerts.Core.Ports;

namespace Alerts.Core.Rules.Market;

/// <summary>What seeding one symbol did: how many closes were new or changed, from which source, or why none were taken.</summary>
public sealed record SeedResult(string Symbol, string? Source, int Received, int Changed, string? Problem = null)
{
    /// <summary>The problem as a rule's held-back reason shows it: prefixed with the source unless the message already names it.</summary>
    public string? Note => Problem is not { } problem ? null
        : problem.StartsWith((Source ?? "no source") + ":", StringComparison.Ordinal) ? problem : $"{Source ?? "no source"}: {problem}";
}

/// <summary>
/// Fills price histories from daily-close sources, asking for each symbol the first source that serves it: the stored ones
/// (<see cref="SeedAsync"/>), or a backtest's in-memory ones (<see cref="SeedIntoAsync"/>).
/// </summary>
public sealed class HistorySeeder(MarketHistoryService? history, IEnumerable<IDailyCloseSource> sources)
{
    private readonly IDailyCloseSource[] _sources = [.. sources];

    public Task<IReadOnlyList<SeedResult>> SeedAsync(IEnumerable<string> symbols, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var store = history ?? throw new InvalidOperationException("This seeder has no stored history to seed; use SeedIntoAsync.");
        return SeedAsync(symbols, from, to, (symbol, closes, token) => store.SeedAsync(symbol, closes, token), cancellationToken);
    }

    /// <summary>Seeds an in-memory market; a failure is noted on the symbol's history, so the rules it holds back say why.</summary>
    public async Task<IReadOnlyList<SeedResult>> SeedIntoAsync(MarketMemory market, IEnumerable<string> symbols, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(market);
        var results = await SeedAsync(symbols, from, to, (symbol, closes, _) =>
        {
            market.Seed(symbol, closes);
            return Task.FromResult(closes.Count);
        }, cancellationToken);
        foreach (var result in results.Where(r => r.Note is not null))
        {
            market.NoteSeedProblem(result.Symbol, result.Note!);
        }

        return results;
    }

    private async Task<IReadOnlyList<SeedResult>> SeedAsync(
        IEnumerable<string> symbols, DateOnly from, DateOnly to,
        Func<string, IReadOnlyList<(DateOnly Date, decimal Close)>, CancellationToken, Task<int>> store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        var results = new List<SeedResult>();
        foreach (var symbol in symbols.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (Array.Find(_sources, s => s.Serves(symbol)) is not { } source)
            {
                results.Add(new SeedResult(symbol, null, 0, 0, "no daily-close source serves this symbol"));
                continue;
            }

            try
            {
                var closes = await source.GetDailyClosesAsync(symbol, from, to, cancellationToken);
                var changed = await store(symbol, [.. closes.Select(c => (c.Date, c.Close))], cancellationToken);
                results.Add(new SeedResult(symbol, source.Name, closes.Count, changed, closes.Count == 0 ? "the source has no closes in those dates" : null));
            }
            catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException
                || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // One symbol's failure (an unknown symbol, a 429, a timeout) is its result; the other symbols are still seeded.
                results.Add(new SeedResult(symbol, source.Name, 0, 0, exception is OperationCanceledException ? "timed out" : exception.Message));
            }
        }

        return results;
    }
}
