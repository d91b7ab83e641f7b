using Alerts.Core.Catalog;
using Alerts.Sources.Feeds;

namespace Alerts.Hosting;

/// <summary>
/// The EDGAR submissions source's CIKs: those of the companies active announcement rules watch (a company's CIK from the
/// reference data, or a CIK a watchlist names), read from the catalog snapshot evaluation uses, so a new rule is polled
/// within the catalog's cache age (at once in the process that stored it).
/// </summary>
public sealed class RuleFilerCiks(ICatalogSource catalog, TimeProvider time) : IFilerCiks
{
    public async ValueTask<IReadOnlyCollection<string>> CurrentAsync(CancellationToken cancellationToken) =>
        (await catalog.GetAsync(cancellationToken)).Rules.SecFilerCiks(time.GetUtcNow());
}
