using Alerts.Functions.Extensions;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Functions;

/// <summary>
/// HTTP (ASP.NET Core integration): the subscriber page at <c>/</c> and its forms, served by the same pipeline as the
/// management API (which maps the page beside itself), so a person finds the same page whichever host runs Alerts. More
/// specific routes (<c>api/...</c>) win over this catch-all in the host's routing.
/// </summary>
public sealed class SubscriberPageFunction(ManagementApiPipeline pipeline)
{
    [Function("SubscriberPage")]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "{*path}")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        await pipeline.InvokeAsync(request.HttpContext);
        return Results.Empty; // the page's pipeline has written the answer
    }
}
