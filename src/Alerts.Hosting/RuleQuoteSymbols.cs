using Alerts.Core.Catalog;
using Alerts.Sources.Feeds;

namespace Alerts.Hosting;

/// <summary>
/// The quote sources' symbols: those active price rules watch, read from the catalog snapshot evaluation uses, so a new rule
/// is polled within the catalog's cache age (at once in the process that stored it).
/// </summary>
public sealed class RuleQuoteSymbols(ICatalogSource catalog, TimeProvider time) : IQuoteSymbols
{
    public async ValueTask<IReadOnlyCollection<string>> CurrentAsync(CancellationToken cancellationToken) =>
        (await catalog.GetAsync(cancellationToken)).Rules.PriceSymbols(time.GetUtcNow());
}
