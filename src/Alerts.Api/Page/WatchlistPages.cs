using Alerts.Api.Companies;
using Alerts.Api.Endpoints;
using Alerts.Api.Json;
using Alerts.Api.Page.Components;
using Alerts.Core.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Alerts.Api.Page;

/// <summary>
/// Watchlists: search companies by code, symbol or name in English or Chinese (each match with its listings and any listing
/// application the IPO pipelines have seen), and add them with one button.
/// </summary>
internal static class WatchlistPages
{
    private const string Title = "Watchlists";
    private const string DefaultName = "My watchlist";

    public static void Map(RouteGroupBuilder page, RouteGroupBuilder forms)
    {
        page.MapGet("/watchlists", ShowAsync);
        forms.MapPost("/watchlists", CreateAsync);
        forms.MapPost("/watchlists/add", AddAsync);
        forms.MapPost("/watchlists/remove", RemoveAsync);
    }

    private static async Task<IResult> ShowAsync(HttpContext http, string? q, string? welcome, WatchlistsApi.Deps deps, ListingApplications applications)
    {
        var notice = welcome is null ? null : "Your address is confirmed. Find the companies you follow, then choose what to hear about under Rules.";
        return await RenderAsync(http, deps, applications, q, notice, null, null);
    }

    private static async Task<IResult> CreateAsync(HttpContext http, WatchlistsApi.Deps deps, ListingApplications applications)
    {
        var user = PageUserFilter.User(http);
        var name = (await http.Request.ReadFormAsync(http.RequestAborted))["name"].ToString();
        var (watchlist, problem) = await WatchlistsApi.BuildAsync(new WatchlistRequest(name), ApiIds.New(ApiIds.Watchlist), user.TenantId, deps, http.RequestAborted);
        if (watchlist is null)
        {
            return await RenderAsync(http, deps, applications, null, null, PageErrors.Of(problem!, "name"), name, StatusCodes.Status400BadRequest);
        }

        await deps.Watchlists.UpsertAsync(watchlist, http.RequestAborted);
        ApiIds.CatalogChanged(http);
        return PageResults.SeeOther("/watchlists");
    }

    /// <summary>Adds a search result to the chosen watchlist, or to a new "My watchlist" when there is none yet.</summary>
    private static async Task<IResult> AddAsync(HttpContext http, WatchlistsApi.Deps deps, ListingApplications applications)
    {
        var user = PageUserFilter.User(http);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var company = form["company"].ToString();
        var target = form["watchlist"].ToString();
        var query = form["q"].ToString();
        if (target.Length == 0)
        {
            var (created, _) = await WatchlistsApi.BuildAsync(new WatchlistRequest(DefaultName), ApiIds.New(ApiIds.Watchlist), user.TenantId, deps, http.RequestAborted);
            await deps.Watchlists.UpsertAsync(created!, http.RequestAborted);
            target = created!.Id;
        }

        var (updated, problem) = await WatchlistsApi.AddAsync(user.TenantId, target, company, deps, http.RequestAborted);
        if (updated is null)
        {
            return await RenderAsync(http, deps, applications, query, null, PageErrors.Of(problem!, "company", _ => "company"), null, StatusCodes.Status400BadRequest);
        }

        ApiIds.CatalogChanged(http);
        return PageResults.SeeOther("/watchlists?q=" + Uri.EscapeDataString(query));
    }

    private static async Task<IResult> RemoveAsync(HttpContext http, WatchlistsApi.Deps deps, ListingApplications applications)
    {
        var user = PageUserFilter.User(http);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var (updated, problem) = await WatchlistsApi.RemoveAsync(user.TenantId, form["watchlist"].ToString(), form["company"].ToString(), deps, http.RequestAborted);
        if (updated is null)
        {
            return await RenderAsync(http, deps, applications, null, null, PageErrors.Of(problem!, "company"), null, StatusCodes.Status400BadRequest);
        }

        ApiIds.CatalogChanged(http);
        return PageResults.SeeOther("/watchlists");
    }

    private static async Task<IResult> RenderAsync(
        HttpContext http, WatchlistsApi.Deps deps, ListingApplications applications, string? query, string? notice, IReadOnlyDictionary<string, string[]>? errors, string? newName, int status = StatusCodes.Status200OK)
    {
        var user = PageUserFilter.User(http);
        var resolver = await deps.ResolverAsync(user.TenantId, http.RequestAborted);
        var watchlists = (await deps.Watchlists.ListAsync(user.TenantId, http.RequestAborted))
            .Select(w => new WatchlistLine(w.Id, w.Name, [.. w.Entries.Select(e => resolver.ById(e) is { } c ? Line(c) : new CompanyLine(e, e, [], []))]))
            .ToList();
        IReadOnlyList<CompanyLine>? results = null;
        if (!string.IsNullOrWhiteSpace(query))
        {
            var found = resolver.Search(query);
            var byCompany = await applications.ForAsync(found, resolver, http.RequestAborted);
            results = [.. found.Select(c => Line(c) with { Applications = byCompany.GetValueOrDefault(c.Id) ?? [] })];
        }

        return PageResults.Render<WatchlistsPage>(
            PageResults.Frame(http, Title, user, notice, "/watchlists"), new WatchlistsModel(watchlists, query, results, errors, newName), status);
    }

    private static CompanyLine Line(Company company) =>
        new(company.Id, company.Names.FirstOrDefault() ?? company.Id, [.. company.Names.Skip(1).DistinctBy(n => n.ToUpperInvariant()).Take(8)], company.Listings);
}
