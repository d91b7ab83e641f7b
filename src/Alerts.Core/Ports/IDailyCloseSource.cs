namespace Alerts.Core.Ports;

/// <summary>One trading day's closing price of a symbol, dated in the exchange's own time zone (currency when the source says).</summary>
public sealed record DailyClose(string Symbol, DateOnly Date, decimal Close, string? Currency = null);

/// <summary>
/// Daily closes from a quote source's daily data (a chart or k-line endpoint) or a file, to seed the price history the market
/// rules read (new highs over 52 weeks need a year of closes before the first tick). Quote sources implement it where their
/// feed offers daily data; <see cref="Rules.Market.HistorySeeder"/> asks the first one that serves a symbol.
/// </summary>
public interface IDailyCloseSource
{
    string Name { get; }

    bool Serves(string symbol);

    /// <summary>Closes from <paramref name="from"/> to <paramref name="to"/> inclusive, in any order.</summary>
    Task<IReadOnlyList<DailyClose>> GetDailyClosesAsync(string symbol, DateOnly from, DateOnly to, CancellationToken cancellationToken);
}
