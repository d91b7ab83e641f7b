namespace Alerts.Core.Rules;

/// <summary>Which companies a rule watches: every company, a watchlist, or explicit entries (ids, names, codes or symbols).</summary>
public sealed record CompanyScope
{
    public bool Any { get; set; }

    public string? Watchlist { get; set; }

    public IReadOnlyList<string> Companies { get; set; } = [];

    public static CompanyScope AnyCompany { get; } = new() { Any = true };

    public static CompanyScope OfWatchlist(string watchlistId) => new() { Watchlist = watchlistId };

    public static CompanyScope Of(params string[] companies) => new() { Companies = companies };
}
