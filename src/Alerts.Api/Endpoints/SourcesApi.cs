using Alerts.Api.Json;
using Alerts.Core.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Alerts.Api.Endpoints;

/// <summary>How each feed source is doing, as the last poll left it (the same rows <c>alerts sources status</c> prints).</summary>
internal static class SourcesApi
{
    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/sources", ListAsync).Produces<ItemList<SourceView>>();

    private static async Task<IResult> ListAsync(ISourceStatusRepository sources, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ItemList<SourceView>(
            [.. (await sources.ListAsync(cancellationToken)).OrderBy(s => s.Source, StringComparer.Ordinal).Select(SourceView.From)]));
}
