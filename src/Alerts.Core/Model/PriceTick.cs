namespace Alerts.Core.Model;

/// <summary>A quote for a canonical symbol such as <c>2513.HK</c> or <c>688256.SS</c>. <see cref="Volume"/> is in shares (not lots).</summary>
public sealed record PriceTick(
    string Symbol,
    decimal Price,
    decimal PreviousClose,
    long Volume,
    DateTimeOffset Time,
    string Currency,
    string Source)
{
    public string Id => $"{Source}:{Symbol}:{Time.UtcTicks}";

    /// <summary>Move against the previous close in percent; zero when the previous close is unknown.</summary>
    public decimal ChangePercent => PreviousClose == 0 ? 0 : (Price - PreviousClose) / PreviousClose * 100m;
}
