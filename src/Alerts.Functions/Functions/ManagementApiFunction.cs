using Alerts.Functions.Extensions;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Functions;

/// <summary>
/// HTTP (ASP.NET Core integration): every <c>/api/v1/...</c> request, handed to the management API's own pipeline. The
/// host's route prefix is empty (host.json), so the functions name their whole routes and the page can live at <c>/</c>.
/// Anonymous at the Functions level: the API authenticates each request itself (tenant keys, the admin key), as in `alerts run`.
/// </summary>
public sealed class ManagementApiFunction(ManagementApiPipeline api)
{
    [Function("ManagementApi")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "patch", "delete", Route = "api/v1/{*path}")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        await api.InvokeAsync(request.HttpContext);
        return Results.Empty; // the API's pipeline has written the answer
    }
}
