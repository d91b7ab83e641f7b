using Alerts.Core.Ports;

namespace Alerts.Core.Rules.Market;

/// <summary>What seeding one symbol did: how many closes were new or changed, from which source, or why none were taken.</summary>
public sealed record SeedResult(string Symbol, string? Source, int Received, int Changed, string? Problem = null);

/// <summary>Fills stored price histories from daily-close sources, asking for each symbol the first source that serves it.</summary>
public sealed class HistorySeeder(MarketHistoryService history, IEnumerable<IDailyCloseSource> sources)
{
    private readonly IDailyCloseSource[] _sources = [.. sources];

    public async Task<IReadOnlyList<SeedResult>> SeedAsync(IEnumerable<string> symbols, DateOnly from, DateOnly to, CancellationToken cancellationToken)
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
                var changed = await history.SeedAsync(symbol, [.. closes.Select(c => (c.Date, c.Close))], cancellationToken);
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
