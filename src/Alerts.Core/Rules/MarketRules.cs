namespace Alerts.Core.Rules;

/// <summary>The rules that need a symbol's history (<see cref="Market.SymbolHistory"/>) besides the tick itself.</summary>
public interface IMarketRule;

public enum Extreme
{
    High,
    Low,
}

public enum HistoryWindow
{
    /// <summary>Every stored close since listing (or since the history was seeded).</summary>
    AllTime,

    /// <summary>The closes of the last 52 weeks (364 calendar days).</summary>
    Weeks52,

    /// <summary>The closes of the last <c>tradingDays</c> trading days of the listing's exchange.</summary>
    TradingDays,
}

/// <summary>
/// "The price sets a new high (or low) over the window": above every stored close of the window's days before today. Fires on the
/// edge; re-arms when the price falls back <see cref="RearmPercent"/>% below that record, or on the next trading day.
/// </summary>
public sealed record NewHighLowRule : Rule, IMarketRule
{
    public Extreme Extreme { get; set; } = Extreme.High;

    public HistoryWindow Window { get; set; } = HistoryWindow.AllTime;

    public int? TradingDays { get; set; }

    public decimal RearmPercent { get; set; } = 1m;
}

/// <summary>
/// "The price moved at least <see cref="ThresholdPercent"/>% within the last <see cref="Minutes"/> minutes (from the window's low
/// or high), or against the close <see cref="TradingDays"/> trading days ago." Exactly one of the two windows is given. Re-arms
/// once the move is back under the threshold by <see cref="RearmPoints"/> points, or on the next trading day.
/// </summary>
public sealed record WindowMoveRule : Rule, IMarketRule
{
    public required decimal ThresholdPercent { get; init; }

    public MoveDirection Direction { get; set; } = MoveDirection.Either;

    public int? Minutes { get; set; }

    public int? TradingDays { get; set; }

    public decimal RearmPoints { get; set; } = 1m;
}

/// <summary>
/// The premium of one listing of a company over another, in percent, the other converted at a live exchange rate:
/// <c>(price / (otherPrice × fx) − 1) × 100</c>. By default the A-share (.SS/.SZ) over the H-share (.HK) at
/// <c>HKDCNY=X</c>. Fires when it crosses <see cref="Level"/> (re-armed <see cref="HysteresisPoints"/> back), or when it has moved
/// <see cref="MovePoints"/> points from where it last fired. Every quote involved must be younger than <see cref="MaxQuoteAge"/>;
/// otherwise nothing fires and the decision says which quote is missing or stale.
/// </summary>
public sealed record ListingSpreadRule : Rule, IMarketRule
{
    /// <summary>The listing whose premium is measured (default: the company's SSE/SZSE listing).</summary>
    public string? Listing { get; set; }

    /// <summary>The listing it is measured against (default: the company's HKEX listing).</summary>
    public string? OtherListing { get; set; }

    /// <summary>The rate that converts the other listing's currency into the listing's (default <c>{other}{listing}=X</c>, e.g. HKDCNY=X).</summary>
    public string? FxSymbol { get; set; }

    public decimal? Level { get; set; }

    public CrossDirection Direction { get; set; } = CrossDirection.Above;

    public decimal? MovePoints { get; set; }

    public decimal HysteresisPoints { get; set; } = 1m;

    public TimeSpan MaxQuoteAge { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// "Volume so far today is at least <see cref="Multiple"/> times the average volume by the same time of day over the last
/// <see cref="Days"/> days." Re-arms when the ratio falls back under the multiple by <see cref="RearmPercent"/>%, or on the next
/// trading day.
/// </summary>
public sealed record VolumeSpikeRule : Rule, IMarketRule
{
    public required decimal Multiple { get; init; }

    public int Days { get; set; } = 20;

    public decimal RearmPercent { get; set; } = 10m;
}
