namespace Alerts.Core.Ports;

/// <summary>One trading day's closing price of a canonical symbol, dated in the exchange's own time zone.</summary>
public sealed record DailyClose(string Symbol, DateOnly Date, decimal Close, string Currency);

/// <summary>
/// Daily history and exchange rates from a quote vendor (Yahoo chart v8 in this service), for rules that need more than the
/// latest tick: moves over several days, or a price compared across currencies (an A+H pair in HKD and CNY).
/// </summary>
public interface IMarketHistory
{
    /// <summary>The daily closes of the last <paramref name="days"/> calendar days, oldest first (bars without a close are left out).</summary>
    Task<IReadOnlyList<DailyClose>> DailyClosesAsync(string symbol, int days, CancellationToken cancellationToken);

    /// <summary>The latest rate converting one unit of <paramref name="from"/> into <paramref name="to"/> (HKD → CNY), or null when unknown.</summary>
    Task<decimal?> FxRateAsync(string from, string to, CancellationToken cancellationToken);
}
