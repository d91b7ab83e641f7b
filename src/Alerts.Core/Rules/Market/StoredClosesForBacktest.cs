using Alerts.Core.Ports;
using Alerts.Core.Rules.Calendars;

namespace Alerts.Core.Rules.Market;

/// <summary>
/// Gives a backtest or dry-run the stored daily closes its day-window rules read (new highs and lows, moves over N trading
/// days), as they stood before the replayed range begins: the range's own ticks add the later days as they did live. A symbol
/// with no stored closes carries its last seeding failure, so the held-back reason says why.
/// </summary>
public static class StoredClosesForBacktest
{
    public static async Task<MarketMemory> LoadAsync(IMarketHistoryRepository repository, RuleBook book, DateTimeOffset from, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(book);
        var market = new MarketMemory();
        foreach (var (symbol, first) in book.DailyHistoryNeeds(from))
        {
            if (await repository.GetDailyAsync(symbol, cancellationToken) is not { Value: { } daily })
            {
                continue;
            }

            var firstReplayedDay = TradingCalendars.ForSymbol(symbol).TradingDayOf(from);
            var closes = new List<(DateOnly Date, decimal Close)>();
            for (var i = 0; i < daily.Dates.Count && i < daily.Closes.Count; i++)
            {
                var date = DailyHistory.FromNumber(daily.Dates[i]);
                if (date >= first && date < firstReplayedDay)
                {
                    closes.Add((date, daily.Closes[i]));
                }
            }

            if (closes.Count > 0)
            {
                market.Seed(symbol, closes);
            }
            else if (daily.SeedProblem is { } problem)
            {
                market.NoteSeedProblem(symbol, problem);
            }
        }

        return market;
    }
}
