using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Alerts.Core.Rules.Market;

/// <summary>
/// Seeds, once per symbol, the stored daily closes that a new-high/low or N-trading-day rule needs when the store holds too few
/// (a rule on a newly watched symbol would otherwise be held back for a year). Runs beside evaluation, never in it: a slow or
/// failing source only delays the backfill. Each pass asks for at most <see cref="MaxSymbolsPerPass"/> symbols; a symbol is
/// asked again only when a rule needs a longer window than was asked for, or <see cref="RetryFailedAfter"/> after a failure.
/// Results are logged and kept in <see cref="Results"/>; a failure is also stored with the symbol's history
/// (<see cref="DailyHistory.SeedProblem"/>), so the rules it holds back say why.
/// </summary>
public sealed partial class HistoryBackfill(MarketHistoryService history, HistorySeeder seeder, TimeProvider clock, ILogger<HistoryBackfill> logger)
{
    public const int MaxSymbolsPerPass = 20;

    public static readonly TimeSpan RetryFailedAfter = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, (DateOnly From, SeedResult Result, DateTimeOffset At)> _done = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The last result per symbol that needed seeding or was checked.</summary>
    public IReadOnlyDictionary<string, SeedResult> Results => _done.ToDictionary(p => p.Key, p => p.Value.Result, StringComparer.OrdinalIgnoreCase);

    /// <summary>One pass over the book's needs; returns what this pass did (symbols with enough history are checked, not seeded).</summary>
    public async Task<IReadOnlyList<SeedResult>> RunAsync(RuleBook book, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(book);
        var now = clock.GetUtcNow();
        var results = new List<SeedResult>();
        foreach (var (symbol, from) in book.DailyHistoryNeeds(now))
        {
            if (results.Count >= MaxSymbolsPerPass)
            {
                break;
            }

            if (_done.TryGetValue(symbol, out var done) && done.From <= from && (done.Result.Problem is null || now - done.At < RetryFailedAfter))
            {
                continue;
            }

            var calendar = Calendars.TradingCalendars.ForSymbol(symbol);
            var today = calendar.TradingDayOf(now);
            var result = await HasEnoughAsync(symbol, from, today, calendar, cancellationToken)
                ? new SeedResult(symbol, null, 0, 0)
                : (await seeder.SeedAsync([symbol], from, calendar.TradingDaysBefore(today, 1), cancellationToken))[0];
            _done[symbol] = (from, result, now);
            results.Add(result);
            if (result.Problem is { } problem)
            {
                LogSeedFailed(logger, symbol, from, result.Source ?? "no source", problem);
                await history.NoteSeedProblemAsync(symbol, result.Note, cancellationToken);
            }
            else if (result.Source is { } source)
            {
                LogSeeded(logger, symbol, from, source, result.Received, result.Changed);
            }
        }

        return results;
    }

    /// <summary>
    /// Whether the stored closes already reach back to the window's first trading day. All-time asks for a year: the first tick
    /// stores yesterday's close, which must not pass for a history, and a listing younger than that is asked once per process.
    /// </summary>
    private async Task<bool> HasEnoughAsync(string symbol, DateOnly from, DateOnly today, Calendars.TradingCalendar calendar, CancellationToken cancellationToken)
    {
        if (await history.LoadAsync(symbol, cancellationToken) is not { Daily.Dates.Count: > 0 } stored)
        {
            return false;
        }

        var reach = from == DateOnly.MinValue ? today.AddDays(-365) : from;
        return DailyHistory.FromNumber(stored.Daily.Dates[0]) <= calendar.NextOrSame(reach);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the daily closes of {Symbol} from {From} with {Source}: {Received} received, {Changed} new or changed")]
    private static partial void LogSeeded(ILogger logger, string symbol, DateOnly from, string source, int received, int changed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not seed the daily closes of {Symbol} from {From} ({Source}): {Problem}; its day-window rules stay held back until closes are stored")]
    private static partial void LogSeedFailed(ILogger logger, string symbol, DateOnly from, string source, string problem);
}
