using Alerts.Api.Catalog;
using Alerts.Core.Catalog;
using Alerts.Storage;

namespace Alerts.Host.Import;

/// <summary>Validates an import file against the store and, only when it is entirely valid, writes it.</summary>
public sealed class CatalogImporter(AlertStore store, CatalogValidator validator, ICatalogSource catalog)
{
    public async Task<(CatalogDocument? Imported, IReadOnlyList<ImportError> Errors)> ImportAsync(string json, CancellationToken cancellationToken)
    {
        var (document, readErrors) = CatalogDocumentReader.Read(json);
        if (document is null)
        {
            return (null, readErrors);
        }

        var errors = validator.Validate(
            document,
            await store.Companies.ListAsync(cancellationToken),
            await store.Watchlists.ListAsync(document.TenantId, cancellationToken),
            await store.Rules.ListAsync(document.TenantId, cancellationToken),
            await store.Channels.ListAsync(document.TenantId, cancellationToken));
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        await WriteAsync(document, cancellationToken);
        catalog.Invalidate();
        return (document, []);
    }

    /// <summary>Writes in dependency order, so a reader never sees a rule whose watchlist is not there yet.</summary>
    public async Task WriteAsync(CatalogDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var company in document.Companies)
        {
            await store.Companies.UpsertAsync(company, cancellationToken);
        }

        foreach (var watchlist in document.Watchlists)
        {
            await store.Watchlists.UpsertAsync(watchlist, cancellationToken);
        }

        foreach (var channel in document.Channels)
        {
            await store.Channels.UpsertAsync(channel, cancellationToken);
        }

        foreach (var rule in document.Rules)
        {
            await store.Rules.UpsertAsync(rule, cancellationToken);
        }

        foreach (var subscription in document.Subscriptions)
        {
            await store.Subscriptions.UpsertAsync(subscription, cancellationToken);
        }
    }
}
