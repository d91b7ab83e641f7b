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

/// <summary>The reference companies (shared, read-only) and a tenant's own aliases for them.</summary>
internal static class CompaniesApi
{
    private const int MaxAliasLength = 100;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/companies", SearchAsync).Produces<ItemList<CompanyView>>();
        group.MapGet("/companies/{id}", GetAsync).Produces<CompanyView>();
        group.MapGet("/aliases", ListAliasesAsync).Produces<ItemList<AliasView>>();
        group.MapPut("/aliases/{alias}", PutAliasAsync).Accepts<AliasRequest>("application/json").Produces<AliasView>();
        group.MapDelete("/aliases/{alias}", DeleteAliasAsync).Produces(StatusCodes.Status204NoContent);
    }

    /// <summary>The companies and this tenant's aliases, as one resolver.</summary>
    public static async Task<CompanyResolver> ResolverAsync(
        ICompanyRepository companies, ICompanyAliasRepository aliases, string tenantId, CancellationToken cancellationToken) =>
        new(await companies.ListAsync(cancellationToken), await aliases.ListAsync(tenantId, cancellationToken));

    /// <summary>Companies with their listings and listing applications, as the search results show them.</summary>
    public static async Task<IReadOnlyList<CompanyView>> ViewsAsync(
        IReadOnlyList<Company> found, CompanyResolver resolver, ListingApplications applications, CancellationToken cancellationToken)
    {
        var byCompany = await applications.ForAsync(found, resolver, cancellationToken);
        return [.. found.Select(c => new CompanyView(c.Id, c.Names, c.Listings, byCompany.GetValueOrDefault(c.Id) ?? []))];
    }

    private static async Task<IResult> SearchAsync(
        string? q, ApiCaller caller, ICompanyRepository companies, ICompanyAliasRepository aliases, ListingApplications applications, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return ApiProblems.Invalid("q", "give a code, symbol or name to search for");
        }

        var resolver = await ResolverAsync(companies, aliases, caller.TenantId, cancellationToken);
        return TypedResults.Ok(new ItemList<CompanyView>(await ViewsAsync(resolver.Search(q), resolver, applications, cancellationToken)));
    }

    private static async Task<IResult> GetAsync(
        string id, ApiCaller caller, ICompanyRepository companies, ICompanyAliasRepository aliases, ListingApplications applications, CancellationToken cancellationToken)
    {
        var resolver = await ResolverAsync(companies, aliases, caller.TenantId, cancellationToken);
        return resolver.ById(id) is { } company
            ? TypedResults.Ok((await ViewsAsync([company], resolver, applications, cancellationToken))[0])
            : ApiProblems.NotFound("company", id);
    }

    private static async Task<IResult> ListAliasesAsync(ApiCaller caller, ICompanyAliasRepository aliases, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ItemList<AliasView>([.. (await aliases.ListAsync(caller.TenantId, cancellationToken)).Select(a => new AliasView(a.Alias, a.CompanyId))]));

    private static async Task<IResult> PutAliasAsync(
        string alias, HttpRequest request, ApiCaller caller, ICompanyRepository companies, ICompanyAliasRepository aliases, ApiOptions options, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, ApiJsonContext.Default.AliasRequest, options);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(alias) || alias.Length > MaxAliasLength || alias.Any(char.IsControl))
        {
            errors.Add(new FieldError("alias", $"must be 1 to {MaxAliasLength} printable characters"));
        }

        var resolver = await ResolverAsync(companies, aliases, caller.TenantId, cancellationToken);
        var resolution = resolver.Resolve(body.Value!.Company);
        if (resolution.Company is null)
        {
            errors.Add(new FieldError("company", resolution.Problem(body.Value.Company)));
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        await aliases.PutAsync(new CompanyAlias(caller.TenantId, alias.Trim(), resolution.Company!.Id), cancellationToken);
        return TypedResults.Ok(new AliasView(alias.Trim(), resolution.Company.Id));
    }

    private static async Task<IResult> DeleteAliasAsync(string alias, ApiCaller caller, ICompanyAliasRepository aliases, CancellationToken cancellationToken) =>
        await aliases.DeleteAsync(caller.TenantId, alias, cancellationToken) ? TypedResults.NoContent() : ApiProblems.NotFound("alias", alias);
}
