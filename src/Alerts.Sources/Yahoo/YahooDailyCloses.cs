using Alerts.Core.Ports;
using Alerts.Sources.Feeds;

namespace Alerts.Sources.Yahoo;

/// <summary>
/// The Yahoo quote source's daily data as an <see cref="IDailyCloseSource"/>: the closes <see cref="YahooMarketHistory"/> reads
/// from chart v8 (<c>interval=1d</c>, the smallest range covering the days asked for, at most ten years), cut to the dates asked
/// for. It serves exchange-listed symbols (2513.HK, 688256.SS, AAPL), not currency pairs.
/// </summary>
public sealed class YahooDailyCloses(HttpClient http, FeedSourceOptions options, TimeProvider clock) : IDailyCloseSource
{
    /// <summary>The longest history asked for: Yahoo's widest fixed daily range ("10y").</summary>
    public const int MaxDays = 3653;

    private readonly YahooMarketHistory _history = new(http, options, clock);

    public string Name => options.Name;

    public bool Serves(string symbol) =>
        !string.IsNullOrWhiteSpace(symbol) && !symbol.EndsWith("=X", StringComparison.OrdinalIgnoreCase) && symbol != "*";

    public async Task<IReadOnlyList<DailyClose>> GetDailyClosesAsync(string symbol, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (from > to || from > today)
        {
            return [];
        }

        var days = from <= today.AddDays(-MaxDays) ? MaxDays : today.DayNumber - from.DayNumber + 1;
        var closes = await _history.DailyClosesAsync(symbol, days, cancellationToken);
        return [.. closes.Where(c => c.Date >= from && c.Date <= to)];
    }
}
