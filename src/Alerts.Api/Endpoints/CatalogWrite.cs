using System.Text.Json.Serialization.Metadata;
using Alerts.Api.Json;
using Microsoft.AspNetCore.Http;

namespace Alerts.Api.Endpoints;

/// <summary>What a catalog item's handlers do with it: read the stored one, build a validated one from a request, save it, show it.</summary>
internal sealed record CatalogItem<TRequest, TItem, TView>(
    string Kind,
    string Route,
    string IdPrefix,
    JsonTypeInfo<TRequest> RequestType,
    Func<TRequest, string?> ClientId,
    Func<string, CancellationToken, Task<TItem?>> GetAsync,
    Func<TRequest, string, TItem?, CancellationToken, Task<(TItem? Item, IResult? Problem)>> BuildAsync,
    Func<TItem, CancellationToken, Task> SaveAsync,
    Func<TItem, TView> View)
    where TRequest : class
    where TItem : class;

/// <summary>
/// The create and replace flows every tenant-owned catalog item shares, in one place: the body is read and validated in
/// full before anything is written, ids chosen by the client never overwrite (POST) and never move (PUT).
/// </summary>
internal static class CatalogWrite
{
    public static async Task<IResult> CreateAsync<TRequest, TItem, TView>(CatalogItem<TRequest, TItem, TView> item, HttpRequest request, ApiOptions options, CancellationToken cancellationToken)
        where TRequest : class
        where TItem : class
    {
        var body = await JsonBody.ReadAsync(request, item.RequestType, options);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var clientId = item.ClientId(body.Value!);
        if (ApiIds.Check(clientId) is { } idError)
        {
            return ApiProblems.Invalid([idError]);
        }

        var id = clientId ?? ApiIds.New(item.IdPrefix);
        var (built, problem) = await item.BuildAsync(body.Value!, id, null, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (await item.GetAsync(id, cancellationToken) is not null)
        {
            return ApiProblems.Conflict($"{item.Kind} '{id}' exists; use PUT to change it");
        }

        await item.SaveAsync(built!, cancellationToken);
        ApiIds.CatalogChanged(request.HttpContext);
        return TypedResults.Created($"/api/v1/{item.Route}/{id}", item.View(built!));
    }

    public static async Task<IResult> ReplaceAsync<TRequest, TItem, TView>(
        CatalogItem<TRequest, TItem, TView> item, string id, HttpRequest request, ApiOptions options, CancellationToken cancellationToken)
        where TRequest : class
        where TItem : class
    {
        if (await item.GetAsync(id, cancellationToken) is not { } stored)
        {
            return ApiProblems.NotFound(item.Kind, id);
        }

        var body = await JsonBody.ReadAsync(request, item.RequestType, options);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        if (item.ClientId(body.Value!) is { } given && given != id)
        {
            return ApiProblems.Invalid("id", "must match the URL or be left out");
        }

        var (built, problem) = await item.BuildAsync(body.Value!, id, stored, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        await item.SaveAsync(built!, cancellationToken);
        ApiIds.CatalogChanged(request.HttpContext);
        return TypedResults.Ok(item.View(built!));
    }
}
