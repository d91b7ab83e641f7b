namespace Alerts.Core.Model;

/// <summary>A named list of companies. Entries are what the user typed ("Zhipu", "0100.HK"); the company directory resolves them.</summary>
public sealed record Watchlist(string TenantId, string Id, string Name, IReadOnlyList<string> Entries);
