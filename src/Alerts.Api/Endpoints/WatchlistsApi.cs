using Alerts.Api.Access;
using Alerts.Api.Companies;
using Alerts.Api.Json;
using Alerts.Core.Model;
using Alerts.Core.Ports;
using Alerts.Storage.Repositories;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Alerts.Api.Endpoints;

/// <summary>
/// Watchlists. Companies may be given by id, code, symbol, name or alias; they are stored as company ids, so what the
/// tenant typed means the same thing to the engine later. An ambiguous name is refused with its candidates.
/// </summary>
internal static class WatchlistsApi
{
    private const int MaxNameLength = 100;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/watchlists", ListAsync).Produces<ItemList<Watchlist>>();
        group.MapPost("/watchlists", CreateAsync).Accepts<WatchlistRequest>("application/json").Produces<Watchlist>(StatusCodes.Status201Created);
        group.MapGet("/watchlists/{id}", GetAsync).Produces<Watchlist>();
        group.MapPut("/watchlists/{id}", ReplaceAsync).Accepts<WatchlistRequest>("application/json").Produces<Watchlist>();
        group.MapDelete("/watchlists/{id}", DeleteAsync).Produces(StatusCodes.Status204NoContent);
        group.MapPost("/watchlists/{id}/companies", AddCompanyAsync).Accepts<WatchlistCompanyRequest>("application/json").Produces<Watchlist>();
        group.MapDelete("/watchlists/{id}/companies/{company}", RemoveCompanyAsync).Produces<Watchlist>();
    }

    private static async Task<IResult> ListAsync(ApiCaller caller, IWatchlistRepository watchlists, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ItemList<Watchlist>(await watchlists.ListAsync(caller.TenantId, cancellationToken)));

    private static async Task<IResult> GetAsync(string id, ApiCaller caller, ITenantCatalogRepository catalog, CancellationToken cancellationToken) =>
        await catalog.GetWatchlistAsync(caller.TenantId, id, cancellationToken) is { } watchlist ? TypedResults.Ok(watchlist) : ApiProblems.NotFound("watchlist", id);

    private static Task<IResult> CreateAsync(HttpRequest request, ApiCaller caller, Deps deps, CancellationToken cancellationToken) =>
        CatalogWrite.CreateAsync(Item(caller, deps), request, deps.Options, cancellationToken);

    private static Task<IResult> ReplaceAsync(string id, HttpRequest request, ApiCaller caller, Deps deps, CancellationToken cancellationToken) =>
        CatalogWrite.ReplaceAsync(Item(caller, deps), id, request, deps.Options, cancellationToken);

    private static CatalogItem<WatchlistRequest, Watchlist, Watchlist> Item(ApiCaller caller, Deps deps) => new(
        "watchlist", "watchlists", ApiIds.Watchlist, ApiJsonContext.Default.WatchlistRequest, r => r.Id,
        (id, ct) => deps.Catalog.GetWatchlistAsync(caller.TenantId, id, ct),
        (r, id, _, ct) => BuildAsync(r, id, caller.TenantId, deps, ct),
        deps.Watchlists.UpsertAsync,
        w => w);

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, ApiCaller caller, Deps deps, IRuleRepository rules, CancellationToken cancellationToken)
    {
        if (await deps.Catalog.GetWatchlistAsync(caller.TenantId, id, cancellationToken) is null)
        {
            return ApiProblems.NotFound("watchlist", id);
        }

        var users = (await rules.ListAsync(caller.TenantId, cancellationToken)).Where(r => r.Companies.Watchlist == id).Select(r => r.Id).ToList();
        if (users.Count > 0)
        {
            return ApiProblems.Conflict($"watchlist '{id}' is used by rule(s) {string.Join(", ", users.Select(u => $"'{u}'"))}; change or delete them first");
        }

        await deps.Catalog.DeleteWatchlistAsync(caller.TenantId, id, cancellationToken);
        ApiIds.CatalogChanged(context);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> AddCompanyAsync(string id, HttpRequest request, ApiCaller caller, Deps deps, CancellationToken cancellationToken)
    {
        if (await deps.Catalog.GetWatchlistAsync(caller.TenantId, id, cancellationToken) is null)
        {
            return ApiProblems.NotFound("watchlist", id);
        }

        var body = await JsonBody.ReadAsync(request, ApiJsonContext.Default.WatchlistCompanyRequest, deps.Options);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var (updated, problem) = await AddAsync(caller.TenantId, id, body.Value!.Company, deps, cancellationToken);
        if (updated is null)
        {
            return problem!;
        }

        ApiIds.CatalogChanged(request.HttpContext);
        return TypedResults.Ok(updated);
    }

    /// <summary>Adds a company (by id, code, symbol, name or alias) to a watchlist; the page's add button calls it too.</summary>
    internal static async Task<(Watchlist? Watchlist, IResult? Problem)> AddAsync(string tenantId, string id, string company, Deps deps, CancellationToken cancellationToken)
    {
        if (await deps.Catalog.GetWatchlistAsync(tenantId, id, cancellationToken) is not { } watchlist)
        {
            return (null, ApiProblems.NotFound("watchlist", id));
        }

        var resolution = (await deps.ResolverAsync(tenantId, cancellationToken)).Resolve(company);
        if (resolution.Company is not { } found)
        {
            return (null, ApiProblems.Invalid("company", resolution.Problem(company)));
        }

        if (!watchlist.Entries.Contains(found.Id) && watchlist.Entries.Count >= deps.Options.MaxListItems)
        {
            return (null, ApiProblems.Invalid("company", $"the watchlist already holds {deps.Options.MaxListItems} companies"));
        }

        var updated = watchlist.Entries.Contains(found.Id) ? watchlist : watchlist with { Entries = [.. watchlist.Entries, found.Id] };
        await deps.Watchlists.UpsertAsync(updated, cancellationToken);
        return (updated, null);
    }

    private static async Task<IResult> RemoveCompanyAsync(string id, string company, HttpContext context, ApiCaller caller, Deps deps, CancellationToken cancellationToken)
    {
        var (updated, problem) = await RemoveAsync(caller.TenantId, id, company, deps, cancellationToken);
        if (updated is null)
        {
            return problem!;
        }

        ApiIds.CatalogChanged(context);
        return TypedResults.Ok(updated);
    }

    internal static async Task<(Watchlist? Watchlist, IResult? Problem)> RemoveAsync(string tenantId, string id, string company, Deps deps, CancellationToken cancellationToken)
    {
        if (await deps.Catalog.GetWatchlistAsync(tenantId, id, cancellationToken) is not { } watchlist)
        {
            return (null, ApiProblems.NotFound("watchlist", id));
        }

        var resolver = await deps.ResolverAsync(tenantId, cancellationToken);
        var target = resolver.Resolve(company).Company?.Id;
        var kept = watchlist.Entries.Where(e => e != company && (target is null || resolver.Resolve(e).Company?.Id != target)).ToList();
        if (kept.Count == watchlist.Entries.Count)
        {
            return (null, ApiProblems.NotFound("company in this watchlist", company));
        }

        var updated = watchlist with { Entries = kept };
        await deps.Watchlists.UpsertAsync(updated, cancellationToken);
        return (updated, null);
    }

    internal static async Task<(Watchlist? Watchlist, IResult? Problem)> BuildAsync(WatchlistRequest request, string id, string tenantId, Deps deps, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > MaxNameLength)
        {
            errors.Add(new FieldError("name", $"must be 1 to {MaxNameLength} characters"));
        }

        var entries = request.Companies ?? [];
        if (entries.Count > deps.Options.MaxListItems)
        {
            errors.Add(new FieldError("companies", $"may list at most {deps.Options.MaxListItems} companies"));
            return (null, ApiProblems.Invalid(errors));
        }

        var resolver = await deps.ResolverAsync(tenantId, cancellationToken);
        var ids = new List<string>();
        for (var i = 0; i < entries.Count; i++)
        {
            var resolution = resolver.Resolve(entries[i]);
            if (resolution.Company is null)
            {
                errors.Add(new FieldError($"companies[{i}]", resolution.Problem(entries[i])));
            }
            else if (!ids.Contains(resolution.Company.Id))
            {
                ids.Add(resolution.Company.Id);
            }
        }

        return errors.Count > 0 ? (null, ApiProblems.Invalid(errors)) : (new Watchlist(tenantId, id, request.Name.Trim(), ids), null);
    }

    /// <summary>What the watchlist handlers share, bound as one parameter.</summary>
    internal sealed class Deps(IWatchlistRepository watchlists, ITenantCatalogRepository catalog, ICompanyRepository companies, ICompanyAliasRepository aliases, ApiOptions options)
    {
        public IWatchlistRepository Watchlists => watchlists;

        public ITenantCatalogRepository Catalog => catalog;

        public ApiOptions Options => options;

        public Task<CompanyResolver> ResolverAsync(string tenantId, CancellationToken cancellationToken) =>
            CompaniesApi.ResolverAsync(companies, aliases, tenantId, cancellationToken);
    }
}
