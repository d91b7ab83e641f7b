namespace Alerts.Core.Model;

/// <summary>An issuer as a source names it: exchange plus the exchange's code, and/or a name (mainland IPO filings have no code yet).</summary>
public sealed record IssuerRef(string Exchange, string? Code, string? Name);
