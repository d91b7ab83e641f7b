using Alerts.Core.Model;
using Alerts.Core.Rules;

namespace Alerts.Api.Catalog;

/// <summary>A validated import file: what <c>alerts import</c> writes, all of it or nothing.</summary>
public sealed record CatalogDocument(
    string TenantId,
    IReadOnlyList<Company> Companies,
    IReadOnlyList<Watchlist> Watchlists,
    IReadOnlyList<Channel> Channels,
    IReadOnlyList<Rule> Rules,
    IReadOnlyList<Subscription> Subscriptions)
{
    public int Count => Companies.Count + Watchlists.Count + Channels.Count + Rules.Count + Subscriptions.Count;
}

/// <summary>One thing wrong with an import file, named by its JSON path (<c>rules[2].thresholdPercent</c>).</summary>
public sealed record ImportError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
