using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Api.Tests;

public sealed class OpenApiTests
{
    [Fact]
    public async Task The_OpenAPI_document_lists_every_API_route_and_the_reference_page_is_served()
    {
        await using var server = await ApiServer.StartAsync();
        using var client = server.Client();
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        var documented = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(m => m.Key.ToUpperInvariant() + " " + p.Key))
            .ToHashSet();

        var routes = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/v1", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => m + " " + e.RoutePattern.RawText))
            .ToHashSet();
        Assert.NotEmpty(routes);
        Assert.Empty(routes.Except(documented));

        using var page = await client.GetAsync("/scalar/v1");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }
}
