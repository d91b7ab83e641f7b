namespace Alerts.Core.Model;

/// <summary>A listing of a company on one exchange: <c>HKEX 02513</c> is symbol <c>2513.HK</c>.</summary>
public sealed record Listing(string Exchange, string Code, string Symbol, string Currency);

/// <summary>A company with all the names sources use for it (English, Chinese short and legal names) and all its listings.</summary>
public sealed record Company(string Id, IReadOnlyList<string> Names, IReadOnlyList<Listing> Listings)
{
    /// <summary>The SEC's Central Index Key (ten digits, zero-padded) of a company that files with the SEC; null for the others.</summary>
    public string? Cik { get; init; }
}
